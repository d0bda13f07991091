package org.cryoj.ui.ij1;

import java.awt.Button;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Panel;
import java.awt.TextField;
import java.io.File;

import ij.gui.GenericDialog;
import ij.io.SaveDialog;

/**
 * {@link CommandPlugin.Fields} on ImageJ 1's GenericDialog. Files to read get ImageJ's file
 * field and folders its folder field (both with a Browse button); ImageJ has no field for a
 * file to write, so those get the same row with a Browse button that opens a save dialog.
 * Values are read back with getNextString, so macros and the recorder see plain paths.
 */
final class GenericDialogFields implements CommandPlugin.Fields {
    private static final Font HEADING_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final int MIN_COLUMNS = 25, MAX_COLUMNS = 60;

    private final GenericDialog gd;

    GenericDialogFields(GenericDialog gd) { this.gd = gd; }

    @Override public void heading(String text) { gd.addMessage(text, HEADING_FONT); }

    @Override public void note(String label, String text) { gd.addMessage(label + " " + text); }

    @Override public void checkbox(String label, boolean value) { gd.addCheckbox(label, value); }

    @Override public void number(String label, double value, int digits) { gd.addNumericField(label, value, digits); }

    @Override public void choice(String label, String[] choices, String value) { gd.addChoice(label, choices, value); }

    @Override public void openFile(String label, String path) { gd.addFileField(label, path, columns(path)); }

    @Override public void folder(String label, String path) { gd.addDirectoryField(label, path, columns(path)); }

    @Override public void text(String label, String value) { gd.addStringField(label, value, 40); }

    /** As ImageJ's addFileField, with a Browse button that asks for a name to write. */
    @Override
    public void saveFile(String label, String path) {
        gd.addStringField(label, path, columns(path));
        if (GraphicsEnvironment.isHeadless()) return;
        TextField text = (TextField) gd.getStringFields().lastElement();
        GridBagLayout layout = (GridBagLayout) gd.getLayout();
        GridBagConstraints constraints = layout.getConstraints(text);
        Button browse = new Button("Browse");
        browse.addActionListener(e -> {
            File current = new File(text.getText().trim());
            String dir = current.getParent() == null ? null : current.getAbsoluteFile().getParent();
            SaveDialog sd = new SaveDialog("Select " + label, dir, current.getName(), "");
            if (sd.getFileName() != null) text.setText(sd.getDirectory() + sd.getFileName());
        });
        Panel panel = new Panel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        panel.add(text); // moves the field from the dialog into the row
        panel.add(browse);
        layout.setConstraints(panel, constraints);
        gd.add(panel);
    }

    private static int columns(String path) {
        return Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, path == null ? 0 : path.length()));
    }
}
