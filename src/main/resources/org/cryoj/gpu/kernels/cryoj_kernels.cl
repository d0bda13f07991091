// CryoJ's kernels, one source for OpenCL and CUDA: written in the common subset of OpenCL C
// and CUDA C, with the words that differ (qualifiers, indices, barriers, atomics, a few maths
// names, infinity) as the macros of opencl_prelude.h and cuda_prelude.h. The OpenCL host
// compiles prelude + this file at run time; the CUDA host compiles cuda_prelude.h + this file
// with NVRTC at run time, or loads the PTX src/main/cuda/build-ptx.sh makes from them.
//
// fp32 throughout; each work-item's sums use Kahan compensation so that the scores stay
// within 1e-4 relative of the CPU backend. Layouts are those of the Java arrays, flattened row
// by row, so the host copies without reordering.
//
// Scoring (org.cryoj.refine.ScoringImage): an image in a window of K Fourier pixels is T
// translated, weighted copies B_t (2K floats, interleaved complex) and K weights ctf2w; a
// projection P_o is 2K floats. The kernels give the two sums of the score, sum B_t P_o and
// sum ctf2w |P_o|^2; the host adds the image's constant in double (the likelihood's diff2
// is a small difference of large sums).

// Work-group size of the reductions; the host launches with exactly this many work-items.
#define WG 64
// Side of the square tiles of cross_all; the host launches TILE x TILE work-groups.
#define TILE 16

#define KAHAN_ADD(sum, comp, v) { float y_ = (v) - (comp); float t_ = (sum) + y_; (comp) = (t_ - (sum)) - y_; (sum) = t_; }

// Sum over a work-group of n work-items, n a power of two; s holds n floats.
DEVICE float group_sum(LOCAL_PTR float* s, float v, int n) {
    int l = LOCAL_ID(0);
    s[l] = v;
    BARRIER();
    for (int h = n / 2; h > 0; h >>= 1) {
        if (l < h) s[l] += s[l + h];
        BARRIER();
    }
    float r = s[0];
    BARRIER();
    return r;
}

// q[o] = sum_j ctf2w[j] |P_o[j]|^2 for nProj projections of 2K floats. Work-group per projection.
KERNEL void weighted_squares(GLOBAL const float* RESTRICT proj, int nProj, int k,
        GLOBAL const float* RESTRICT ctf2w, GLOBAL float* RESTRICT q) {
    LOCAL_MEM float s[WG];
    int o = GROUP_ID(0);
    if (o >= nProj) return;
    GLOBAL const float* p = proj + (size_t) o * 2 * k;
    float sum = 0.f, comp = 0.f;
    for (int j = LOCAL_ID(0); j < k; j += WG) {
        float re = p[2 * j], im = p[2 * j + 1];
        KAHAN_ADD(sum, comp, ctf2w[j] * (re * re + im * im));
    }
    sum = group_sum(s, sum, WG);
    if (LOCAL_ID(0) == 0) q[o] = sum;
}

// out[o nTrans + t] = sum_i B_t[i] P_o[i] for all nProj x nTrans pairs, n = 2K floats each: the
// product of two matrices, in TILE x TILE tiles so that each value read feeds TILE products.
// Work-group (TILE, TILE); dimension 0 runs over translations, 1 over projections.
KERNEL void cross_all(GLOBAL const float* RESTRICT proj, int nProj,
        GLOBAL const float* RESTRICT shifted, int nTrans, int n, GLOBAL float* RESTRICT out) {
    LOCAL_MEM float ps[TILE][TILE + 1];
    LOCAL_MEM float bs[TILE][TILE + 1];
    int lt = LOCAL_ID(0), lo = LOCAL_ID(1);
    int t0 = GROUP_ID(0) * TILE, o0 = GROUP_ID(1) * TILE;
    float sum = 0.f, comp = 0.f;
    for (int i0 = 0; i0 < n; i0 += TILE) {
        int i = i0 + lt;
        // row lo of each tile, read along i so that neighbouring work-items read neighbouring floats
        ps[lo][lt] = o0 + lo < nProj && i < n ? proj[(size_t) (o0 + lo) * n + i] : 0.f;
        bs[lo][lt] = t0 + lo < nTrans && i < n ? shifted[(size_t) (t0 + lo) * n + i] : 0.f;
        BARRIER();
        for (int j = 0; j < TILE; j++) KAHAN_ADD(sum, comp, bs[lt][j] * ps[lo][j]);
        BARRIER();
    }
    if (t0 + lt < nTrans && o0 + lo < nProj) out[(size_t) (o0 + lo) * nTrans + t0 + lt] = sum;
}

// out[k] = sum_i B_{trans[k]}[i] P_{proj[k]}[i] for listed pairs, n = 2K floats each.
// Work-group per pair.
KERNEL void pair_dots(GLOBAL const float* RESTRICT projections, GLOBAL const float* RESTRICT shifted, int n,
        GLOBAL const int* RESTRICT proj, GLOBAL const int* RESTRICT trans, int nPairs, GLOBAL float* RESTRICT out) {
    LOCAL_MEM float s[WG];
    int k = GROUP_ID(0);
    if (k >= nPairs) return;
    GLOBAL const float* p = projections + (size_t) proj[k] * n;
    GLOBAL const float* b = shifted + (size_t) trans[k] * n;
    float sum = 0.f, comp = 0.f;
    for (int i = LOCAL_ID(0); i < n; i += WG) KAHAN_ADD(sum, comp, b[i] * p[i]);
    sum = group_sum(s, sum, WG);
    if (LOCAL_ID(0) == 0) out[k] = sum;
}

// Fourier grid (org.cryoj.reconstruct.FourierGrid): padded, centred half volume, x in [0, R+1],
// y and z in [-(R+1), R+1], complex interleaved, index x + xs ((y + c) + ys (z + c)) with
// c = R + 1, xs = R + 2, ys = 2R + 3. Image pixels: a list of half-complex Fourier pixels
// (kx, ky) of the particle box within the current resolution, one order for every array
// indexed by p.
DEVICE int grid_index(int xs, int ys, int c, int x, int y, int z) {
    return x + xs * ((y + c) + ys * (z + c));
}

// Trilinear read of one complex value at padded frequency (xp, yp, zp), Friedel for x < 0.
DEVICE float2 trilinear(GLOBAL const float2* RESTRICT d, int xs, int ys, int c, float xp, float yp, float zp) {
    int conj = xp < 0.f;
    if (conj) { xp = -xp; yp = -yp; zp = -zp; }
    int x0 = (int) xp, y0 = (int) floorf(yp), z0 = (int) floorf(zp);
    float fx = xp - x0, fy = yp - y0, fz = zp - z0;
    int o = grid_index(xs, ys, c, x0, y0, z0), sy = xs, sz = xs * ys;
    float2 a000 = d[o], a100 = d[o + 1], a010 = d[o + sy], a110 = d[o + sy + 1];
    float2 a001 = d[o + sz], a101 = d[o + sz + 1], a011 = d[o + sz + sy], a111 = d[o + sz + sy + 1];
    float b00 = a000.x + fx * (a100.x - a000.x), b10 = a010.x + fx * (a110.x - a010.x);
    float b01 = a001.x + fx * (a101.x - a001.x), b11 = a011.x + fx * (a111.x - a011.x);
    float e0 = b00 + fy * (b10 - b00), e1 = b01 + fy * (b11 - b01);
    float re = e0 + fz * (e1 - e0);
    b00 = a000.y + fx * (a100.y - a000.y); b10 = a010.y + fx * (a110.y - a010.y);
    b01 = a001.y + fx * (a101.y - a001.y); b11 = a011.y + fx * (a111.y - a011.y);
    e0 = b00 + fy * (b10 - b00); e1 = b01 + fy * (b11 - b01);
    float im = e0 + fz * (e1 - e0);
    return FLOAT2(re, conj ? -im : im);
}

// Central slices for many orientations (org.cryoj.reconstruct.Projector#project restricted to
// the pixel list). rot: per orientation the first two rows of A (6 floats), unscaled.
// out[o nPix + p]; pixels beyond the grid radius are zero. Dimension 0 over pixels, 1 over
// orientations (work-groups of one orientation).
KERNEL void project_slices(GLOBAL const float2* RESTRICT grid, int xs, int ys, int c, float r2max, float pad,
        GLOBAL const float* RESTRICT rot, int nOrient,
        GLOBAL const int2* RESTRICT pix, int nPix, GLOBAL float2* RESTRICT out) {
    int p = GROUP_ID(0) * LOCAL_SIZE(0) + LOCAL_ID(0);
    int o = GROUP_ID(1);
    if (p >= nPix || o >= nOrient) return;
    GLOBAL const float* a = rot + 6 * o;
    float kx = (float) pix[p].x, ky = (float) pix[p].y;
    float xp = pad * (a[0] * kx + a[3] * ky);
    float yp = pad * (a[1] * kx + a[4] * ky);
    float zp = pad * (a[2] * kx + a[5] * ky);
    float2 v = FLOAT2(0.f, 0.f);
    if (xp * xp + yp * yp + zp * zp <= r2max) {
        v = trilinear(grid, xs, ys, c, xp, yp, zp);
        // centred grid origin to the corner origin of an image FFT: (-1)^(kx+ky)
        if (((pix[p].x + pix[p].y) & 1) != 0) v = FLOAT2(-v.x, -v.y);
    }
    out[(size_t) o * nPix + p] = v;
}

// Trilinear splat of one value onto the grid (data complex interleaved), with the Friedel mate
// on the x = 0 plane (org.cryoj.reconstruct.BackProjector#add).
DEVICE void splat_add(GLOBAL float* data, GLOBAL float* weight, int xs, int ys, int c, int x, int y, int z,
        float t, float re, float im, float wt) {
    int o = grid_index(xs, ys, c, x, y, z);
    ATOMIC_ADD_F(&data[2 * o], t * re);
    ATOMIC_ADD_F(&data[2 * o + 1], t * im);
    ATOMIC_ADD_F(&weight[o], t * wt);
    if (x == 0 && (y != 0 || z != 0)) {   // the origin is its own mate: once
        int mate = grid_index(xs, ys, c, 0, -y, -z);
        ATOMIC_ADD_F(&data[2 * mate], t * re);
        ATOMIC_ADD_F(&data[2 * mate + 1], -t * im);
        ATOMIC_ADD_F(&weight[mate], t * wt);
    }
}

// Backprojection of one particle's significant poses: for each pose k (orientation rows rot[6k],
// translation index trans[k], weight omega[k]) adds omega ctf X_t / sigma2 to the data term
// and omega ctf^2 / sigma2 to the weight term. invSigma2[p] is 1 / sigma2 (not halved).
// The image's x = 0 column with ky < 0 is skipped, as the CPU backprojector does, because its
// Friedel mate is already in the list. Work-item per pixel, looping over poses.
KERNEL void backproject(GLOBAL float* RESTRICT data, GLOBAL float* RESTRICT weight,
        int xs, int ys, int c, float r2max, float pad,
        GLOBAL const float2* RESTRICT shifted, GLOBAL const float* RESTRICT ctf,
        GLOBAL const float* RESTRICT invSigma2, GLOBAL const int2* RESTRICT pix, int nPix,
        GLOBAL const float* RESTRICT rot, GLOBAL const int* RESTRICT trans, GLOBAL const float* RESTRICT omega,
        int nPoses) {
    int p = GROUP_ID(0) * LOCAL_SIZE(0) + LOCAL_ID(0);
    if (p >= nPix) return;
    int kxi = pix[p].x, kyi = pix[p].y;
    if (kxi == 0 && kyi < 0) return;
    float kx = (float) kxi, ky = (float) kyi;
    float cp = ctf[p], is2 = invSigma2[p];
    float sign = ((kxi + kyi) & 1) == 0 ? 1.f : -1.f;
    for (int k = 0; k < nPoses; k++) {
        GLOBAL const float* a = rot + 6 * k;
        float xp = pad * (a[0] * kx + a[3] * ky);
        float yp = pad * (a[1] * kx + a[4] * ky);
        float zp = pad * (a[2] * kx + a[5] * ky);
        if (xp * xp + yp * yp + zp * zp > r2max) continue;
        float2 x = shifted[(size_t) trans[k] * nPix + p];
        float s = sign * cp * omega[k] * is2;
        float re = s * x.x, im = s * x.y;
        float wt = omega[k] * cp * cp * is2;
        if (xp < 0.f) { xp = -xp; yp = -yp; zp = -zp; im = -im; }
        int x0 = (int) xp, y0 = (int) floorf(yp), z0 = (int) floorf(zp);
        float fx = xp - x0, fy = yp - y0, fz = zp - z0;
        for (int dz = 0; dz < 2; dz++) {
            float wz = dz == 0 ? 1.f - fz : fz;
            for (int dy = 0; dy < 2; dy++) {
                float wyz = wz * (dy == 0 ? 1.f - fy : fy);
                splat_add(data, weight, xs, ys, c, x0, y0 + dy, z0 + dz, wyz * (1.f - fx), re, im, wt);
                splat_add(data, weight, xs, ys, c, x0 + 1, y0 + dy, z0 + dz, wyz * fx, re, im, wt);
            }
        }
    }
}
