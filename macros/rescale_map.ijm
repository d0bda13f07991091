// Rescale a map as relion_image_handler --rescale_angpix --new_box does (CryoJ "Rescale Map...").
// Argument (all optional, ImageJ option syntax, brackets around paths with spaces):
//   in=[map.mrc] out=[rescaled.mrc] angpix=-1 rescale_angpix=1.244 new_box=256
// Relative paths are relative to the folder ImageJ was started in (the project root here).
// Headless: xvfb-run -a imagej -b macros/rescale_map.ijm "in=[a.mrc] out=[b.mrc]"
arg = getArgument();
in = call("ij.Macro.getValue", arg, "in", "test-images/phantom_d2_box64_3.54A.mrc");
out = call("ij.Macro.getValue", arg, "out", "phantom_d2_box256_1.244A.mrc");
angpix = call("ij.Macro.getValue", arg, "angpix", "-1");
rescale = call("ij.Macro.getValue", arg, "rescale_angpix", "1.244");
box = call("ij.Macro.getValue", arg, "new_box", "256");
run("Rescale Map...", "i=[" + in + "] o=[" + out + "] angpix=" + angpix + " rescale_angpix=" + rescale + " new_box=" + box);
print("rescale_map.ijm wrote " + out);
