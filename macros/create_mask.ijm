// Make a soft solvent mask as RELION's Mask creation job does (CryoJ "Create Cryo-EM Mask...").
// Argument (all optional, ImageJ option syntax, brackets around paths with spaces):
//   in=[map.mrc] out=[mask.mrc] lowpass=15 angpix=-1 ini_threshold=0.02 extend_inimask=3 width_soft_edge=3
// Relative paths are relative to the folder ImageJ was started in (the project root here).
// Headless: xvfb-run -a imagej -b macros/create_mask.ijm "in=[a.mrc] out=[mask.mrc]"
in = option("in", "test-images/phantom_d2_box64_3.54A.mrc");
out = option("out", "phantom_d2_mask.mrc");
lowpass = option("lowpass", "15");
angpix = option("angpix", "-1");
threshold = option("ini_threshold", "0.02");
extend = option("extend_inimask", "3");
soft = option("width_soft_edge", "3");
run("Create Cryo-EM Mask...", "i=[" + in + "] o=[" + out + "] lowpass=" + lowpass + " angpix=" + angpix
    + " ini_threshold=" + threshold + " extend_inimask=" + extend + " width_soft_edge=" + soft);
print("create_mask.ijm wrote " + out);

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
