// The RELION tutorial's high-resolution refinement step with CryoJ's Fiji commands:
// Re-extract Particles (less binned, re-centred) -> Rescale Map (the earlier map to the new pixel
// size and box) -> Create Cryo-EM Mask -> 3D Auto-refine -> Show FSC of the unfiltered half-maps
// (saved as a PNG) -> Show Map and Mask of the final map (its central slices saved as a PNG).
// The Auto-refine: lines go to the Log window as the refinement runs.
// Argument (all optional, ImageJ option syntax, brackets around paths with spaces); names not
// starting with "/" are relative to the project folder. The defaults are the tutorial's:
//   project=[/data/relion_project]
//   mics=[CtfFind/job003/micrographs_ctf.star] data=[Select/job017/particles.star]
//   extract_out=[Extract/job018/] extract_size=360 scale=256 bg_radius=-1 float16=false
//   ref=[Class3D/job016/run_it025_class002.mrc] angpix=3.54 rescale_angpix=1.244 new_box=256
//   ref_out=[Class3D/job016/run_it025_class002_box256.mrc]
//   mask_out=[Class3D/job016/run_it025_class002_box256_mask.mrc] mask_threshold=0.01
//   refine_out=[Refine3D/job019/run] sym=D2 ini_high=50 particle_diameter=200 healpix_order=2
//   auto_local_healpix_order=4 offset_range=5 offset_step=2 pad=1 pool=30 j=2 max_iter=100
//   fsc_png=[Refine3D/job019/run_fsc.png] slices_png=[Refine3D/job019/run_class001_slices.png]
// Headless: xvfb-run -a imagej -b macros/high_resolution_refinement.ijm "project=[/data/p] j=8"
project = option("project", getInfo("user.dir"));
mics = inProject(project, option("mics", "CtfFind/job003/micrographs_ctf.star"));
data = inProject(project, option("data", "Select/job017/particles.star"));
extractOut = option("extract_out", "Extract/job018/");
if (!endsWith(extractOut, "/")) extractOut = extractOut + "/";
ref = inProject(project, option("ref", "Class3D/job016/run_it025_class002.mrc"));
refOut = inProject(project, option("ref_out", "Class3D/job016/run_it025_class002_box256.mrc"));
maskOut = inProject(project, option("mask_out", "Class3D/job016/run_it025_class002_box256_mask.mrc"));
root = inProject(project, option("refine_out", "Refine3D/job019/run"));
fscPng = inProject(project, option("fsc_png", "Refine3D/job019/run_fsc.png"));
slicesPng = inProject(project, option("slices_png", "Refine3D/job019/run_class001_slices.png"));
threads = option("j", "2");

// (the macro language cannot compare a user function's string result inside an if condition)
useFloat16 = option("float16", "false");
float16 = "";
if (useFloat16 == "true") float16 = " float16";
run("Re-extract Particles...", "project_dir=[" + project + "] i=[" + mics + "] reextract_data_star=[" + data
    + "] o=[" + extractOut + "] extract_size=" + option("extract_size", "360") + " scale=" + option("scale", "256")
    + " bg_radius=" + option("bg_radius", "-1") + " norm invert_contrast recenter" + float16 + " j=" + threads);

run("Rescale Map...", "i=[" + ref + "] o=[" + refOut + "] angpix=" + option("angpix", "3.54")
    + " rescale_angpix=" + option("rescale_angpix", "1.244") + " new_box=" + option("new_box", "256"));
run("Create Cryo-EM Mask...", "i=[" + refOut + "] o=[" + maskOut + "] lowpass=15 ini_threshold="
    + option("mask_threshold", "0.01") + " extend_inimask=3 width_soft_edge=6");

run("3D Auto-refine...", "project_dir=[" + project + "] i=[" + inProject(project, extractOut + "particles.star")
    + "] o=[" + root + "] ref=[" + refOut + "] ini_high=" + option("ini_high", "50") + " sym=" + option("sym", "D2")
    + " ctf particle_diameter=" + option("particle_diameter", "200") + " zero_mask healpix_order="
    + option("healpix_order", "2") + " auto_local_healpix_order=" + option("auto_local_healpix_order", "4")
    + " offset_range=" + option("offset_range", "5") + " offset_step=" + option("offset_step", "2")
    + " auto_resol_angles pad=" + option("pad", "1") + " pool=" + option("pool", "30") + " j=" + threads
    + " max_iter=" + option("max_iter", "100"));

if (File.exists(root + "_class001.mrc")) {
    run("Show FSC...", "i=[" + root + "_half1_class001_unfil.mrc] i2=[" + root + "_half2_class001_unfil.mrc] o=["
        + fscPng + "]");
    run("Show Map and Mask...", "i=[" + root + "_class001.mrc] mask=[" + maskOut + "] backend=ImageJ o=["
        + slicesPng + "]");
} else {
    print("high_resolution_refinement.ijm: no final map " + root + "_class001.mrc (max_iter reached first); FSC and map not shown");
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
