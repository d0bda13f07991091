// RELION's high-resolution refinement preparation with CryoJ's Fiji commands:
// Rescale Map (the reference to the new pixel size and box) -> Create Cryo-EM Mask ->
// Re-extract Particles (less binned, recentred) -> Show FSC.
// The 3D auto-refine step between re-extraction and the FSC is not in CryoJ yet; it will be
// added here when it exists. Until then Show FSC runs on half-maps given as half1/half2 (e.g.
// those of an earlier RELION refinement) and is skipped when they do not exist.
// Argument (all optional, ImageJ option syntax, brackets around paths with spaces); names
// not starting with "/" are relative to the project folder:
//   project=[/data/relion_project] mics=[CtfFind/job003/micrographs_ctf.star]
//   data=[Refine3D/job010/run_data.star] extract_out=[Extract/job018/] extract_size=360 scale=256
//   ref=[map.mrc] rescale_angpix=1.244 new_box=256 ref_out=[ref_box256.mrc] mask_out=[mask.mrc]
//   half1=[Refine3D/job019/run_half1_class001_unfil.mrc] half2=[...half2...] fsc_png=[fsc.png]
// Headless: xvfb-run -a imagej -b macros/high_resolution_refinement.ijm "project=[/data/p]"
project = option("project", getInfo("user.dir"));
mics = inProject(project, option("mics", "CtfFind/job003/micrographs_ctf.star"));
data = inProject(project, option("data", "Refine3D/job010/run_data.star"));
extractOut = option("extract_out", "Extract/job018/");
extractSize = option("extract_size", "360");
scale = option("scale", "256");
ref = inProject(project, option("ref", "test-images/phantom_d2_box64_3.54A.mrc"));
rescale = option("rescale_angpix", "1.244");
box = option("new_box", "256");
refOut = inProject(project, option("ref_out", "reference_rescaled.mrc"));
maskOut = inProject(project, option("mask_out", "reference_mask.mrc"));
half1 = inProject(project, option("half1", "Refine3D/job019/run_half1_class001_unfil.mrc"));
half2 = inProject(project, option("half2", "Refine3D/job019/run_half2_class001_unfil.mrc"));
fscPng = option("fsc_png", "");

run("Rescale Map...", "i=[" + ref + "] o=[" + refOut + "] rescale_angpix=" + rescale + " new_box=" + box);
run("Create Cryo-EM Mask...", "i=[" + refOut + "] o=[" + maskOut + "] lowpass=15 ini_threshold=0.02 extend_inimask=3 width_soft_edge=3");
run("Re-extract Particles...", "project_dir=[" + project + "] i=[" + mics + "] reextract_data_star=[" + data
    + "] o=[" + extractOut + "] extract_size=" + extractSize + " scale=" + scale
    + " norm invert_contrast recenter j=2");
// (3D auto-refine goes here once CryoJ has it)
if (File.exists(half1) && File.exists(half2)) {
    png = "";
    if (fscPng != "") png = " o=[" + inProject(project, fscPng) + "]";
    run("Show FSC...", "i=[" + half1 + "] i2=[" + half2 + "]" + png);
} else {
    print("high_resolution_refinement.ijm: no half-maps at " + half1 + " yet; Show FSC skipped");
}
print("high_resolution_refinement.ijm finished");

function inProject(project, name) {
    if (startsWith(name, "/")) return name;
    if (endsWith(project, "/")) return project + name;
    return project + "/" + name;
}

// The value of key=value or key=[value] in the argument. Our own lookup, because
// ij.Macro.getValue also matches "angpix=" inside "rescale_angpix=".
function option(key, fallback) {
    s = " " + getArgument() + " ";
    at = indexOf(s, " " + key + "=");
    if (at < 0) return fallback;
    v = substring(s, at + lengthOf(key) + 2);
    if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
    return substring(v, 0, indexOf(v, " "));
}
