// Make a soft solvent mask as RELION's Mask creation job does (CryoJ "Create Cryo-EM Mask...").
// Argument (all optional, ImageJ option syntax, brackets around paths with spaces):
//   in=[map.mrc] out=[mask.mrc] lowpass=15 angpix=-1 ini_threshold=0.02 extend_inimask=3 width_soft_edge=3
// Relative paths are relative to the folder ImageJ was started in (the project root here).
// Headless: xvfb-run -a imagej -b macros/create_mask.ijm "in=[a.mrc] out=[mask.mrc]"
arg = getArgument();
in = call("ij.Macro.getValue", arg, "in", "test-images/phantom_d2_box64_3.54A.mrc");
out = call("ij.Macro.getValue", arg, "out", "phantom_d2_mask.mrc");
lowpass = call("ij.Macro.getValue", arg, "lowpass", "15");
angpix = call("ij.Macro.getValue", arg, "angpix", "-1");
threshold = call("ij.Macro.getValue", arg, "ini_threshold", "0.02");
extend = call("ij.Macro.getValue", arg, "extend_inimask", "3");
soft = call("ij.Macro.getValue", arg, "width_soft_edge", "3");
run("Create Cryo-EM Mask...", "i=[" + in + "] o=[" + out + "] lowpass=" + lowpass + " angpix=" + angpix
    + " ini_threshold=" + threshold + " extend_inimask=" + extend + " width_soft_edge=" + soft);
print("create_mask.ijm wrote " + out);
