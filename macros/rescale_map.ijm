// Rescale a map as relion_image_handler --rescale_angpix --new_box does (CryoJ "Rescale Map...").
// Argument (all optional, ImageJ option syntax, brackets around paths with spaces):
//   in=[map.mrc] out=[rescaled.mrc] angpix=-1 rescale_angpix=1.244 new_box=256
// Relative paths are relative to the folder ImageJ was started in (the project root here).
// Headless: xvfb-run -a imagej -b macros/rescale_map.ijm "in=[a.mrc] out=[b.mrc]"
in = option("in", "test-images/phantom_d2_box64_3.54A.mrc");
out = option("out", "phantom_d2_box256_1.244A.mrc");
angpix = option("angpix", "-1");
rescale = option("rescale_angpix", "1.244");
box = option("new_box", "256");
run("Rescale Map...", "i=[" + in + "] o=[" + out + "] angpix=" + angpix + " rescale_angpix=" + rescale + " new_box=" + box);
print("rescale_map.ijm wrote " + out);

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
