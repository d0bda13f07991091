// Screenshots of CryoJ's viewers for the README, under a virtual display (windows needed):
// Show FSC on two half-maps (the plot window, captured), then Show Map and Mask with the
// ImageJ viewer (hyperstack + orthogonal views at 300%; the screen captured and cropped to
// those windows). Ends ImageJ.
// Argument (ImageJ option syntax, brackets around paths with spaces):
//   half1=[h1.mrc] half2=[h2.mrc] map=[map.mrc] mask=[mask.mrc] out=[folder]
// Writes out/fsc_plot.png, out/map_views.png and the Log window as out/screenshots_log.txt.
// Run: xvfb-run -a -s "-screen 0 1024x768x24" imagej -m macros/screenshots.ijm "half1=[...] ..."
half1 = option("half1", "half1.mrc");
half2 = option("half2", "half2.mrc");
map = option("map", "map.mrc");
mask = option("mask", "mask.mrc");
out = option("out", getDirectory("temp"));
if (!endsWith(out, "/")) out = out + "/";
setBatchMode(false);

run("Show FSC...", "i=[" + half1 + "] i2=[" + half2 + "] o=[" + out + "fsc_plot_data.png] force");
plotWindow = "FSC " + File.getName(half1);
selectWindow(plotWindow);
print("plot window " + getWidth() + "x" + getHeight());
run("Capture Image");
saveAs("PNG", out + "fsc_plot.png");
print("screenshots.ijm wrote " + out + "fsc_plot.png " + getWidth() + "x" + getHeight());
close();
selectWindow(plotWindow);
close();

run("Show Map and Mask...", "i=[" + map + "] mask=[" + mask + "] backend=ImageJ");
mapWindow = File.getName(map);
// Orthogonal views open and move their windows asynchronously (a fixed wait was too short on a loaded
// machine), and views opened before the zoom stay at 100%: wait for both views, zoom the map, restart
// the views (Orthogonal Views toggles) so they open at its zoom, then wait until both are open again and
// the box around the three windows is the same twice in a row.
box = waitForViews(mapWindow, "");
selectWindow(mapWindow);
setLocation(20, 140);
run("Set... ", "zoom=300");
run("Orthogonal Views");
for (tries = 0; tries < 60 && viewCount() > 0; tries++) wait(200);
selectWindow(mapWindow);
run("Orthogonal Views");
box = waitForViews(mapWindow, "stable");
if (getZoom() != 3) exit("the map window is not at 300%");
b = split(box, ",");
x0 = parseInt(b[0]); y0 = parseInt(b[1]); x1 = parseInt(b[2]); y1 = parseInt(b[3]);
print("map views " + (x1 - x0) + "x" + (y1 - y0) + " at " + x0 + "," + y0);
run("Capture Screen");
makeRectangle(x0, y0, x1 - x0, y1 - y0);
run("Crop");
saveAs("PNG", out + "map_views.png");
print("screenshots.ijm wrote " + out + "map_views.png " + getWidth() + "x" + getHeight());
selectWindow("Log");
saveAs("Text", out + "screenshots_log.txt"); // with windows, print() goes to the Log window only
run("Quit");

// The value of key=value or key=[value] in the argument.
function option(key, fallback) {
    s = " " + getArgument() + " ";
    at = indexOf(s, " " + key + "=");
    if (at < 0) return fallback;
    v = substring(s, at + lengthOf(key) + 2);
    if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
    return substring(v, 0, indexOf(v, " "));
}

// "x0,y0,x1,y1" around the map window and its XZ and YZ views, or "" while a view is missing.
function viewsBox(mapWindow) {
    selectWindow(mapWindow);
    getLocationAndSize(x0, y0, w, h);
    x1 = x0 + w; y1 = y0 + h;
    views = 0;
    titles = getList("image.titles");
    for (k = 0; k < titles.length; k++) {
        if (startsWith(titles[k], "XZ ") || startsWith(titles[k], "YZ ")) {
            selectWindow(titles[k]);
            getLocationAndSize(x, y, w, h);
            x0 = minOf(x0, x); y0 = minOf(y0, y); x1 = maxOf(x1, x + w); y1 = maxOf(y1, y + h);
            views++;
        }
    }
    selectWindow(mapWindow);
    if (views < 2) return "";
    return "" + x0 + "," + y0 + "," + x1 + "," + y1;
}

// Polls (every 0.5 s, at most 30 s) until the map's two views are open, with "stable" until their box is
// also the same twice in a row; returns viewsBox.
function waitForViews(mapWindow, how) {
    box = "";
    for (tries = 0; tries < 60; tries++) {
        previous = box;
        box = viewsBox(mapWindow);
        if (box != "" && (how != "stable" || box == previous)) return box;
        wait(500);
    }
    exit("the orthogonal views did not open in 30 s");
}

// Number of open XZ and YZ views.
function viewCount() {
    n = 0;
    titles = getList("image.titles");
    for (k = 0; k < titles.length; k++) if (startsWith(titles[k], "XZ ") || startsWith(titles[k], "YZ ")) n++;
    return n;
}
