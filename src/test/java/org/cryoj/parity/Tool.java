package org.cryoj.parity;

/** The RELION 3.1.3 programs the parity harness runs beside CryoJ, with CryoJ's subcommand for each. */
public enum Tool {
    IMAGE_HANDLER("relion_image_handler", "image_handler"),
    MASK_CREATE("relion_mask_create", "mask_create"),
    EXTRACT("relion_preprocess", "extract"),
    RECONSTRUCT("relion_reconstruct", "reconstruct");

    private final String relion, cryoj;

    Tool(String relion, String cryoj) {
        this.relion = relion;
        this.cryoj = cryoj;
    }

    public String relionProgram() { return relion; }

    public String cryojSubcommand() { return cryoj; }
}
