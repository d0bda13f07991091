// CryoJ GPU kernels: projection, scoring, weight normalisation and backprojection for the
// expectation step. fp32 throughout; sums use Kahan compensation so that scores stay within
// 1e-4 relative of the CPU backend. Layouts are those of the Java classes named below, so the
// host code copies arrays without reordering.
//
// Fourier grid (org.cryoj.reconstruct.FourierGrid): padded, centred half volume, x in
// [0, R+1], y and z in [-(R+1), R+1], complex (re, im) interleaved, index
// x + xs * ((y + c) + ys * (z + c)) with c = R + 1, xs = R + 2, ys = 2R + 3.
// Image pixels: a list of half-complex Fourier pixels (kx, ky) of the N x N particle box that
// lie within the current resolution (the E-step's working set), in one order shared by every
// array indexed by "p".
//
// Built to PTX by src/main/cuda/build-ptx.sh; loaded with the CUDA driver API (JCuda) so that
// no CUDA runtime or NVRTC version has to match the machine's.

#define FULL_MASK 0xffffffffu

struct Grid {
    int xs, ys, c;      // x size, y/z size, centre offset (R + 1)
    float r2max;        // (pad * rMax)^2
    float pad;
};

__device__ __forceinline__ int gridIndex(const Grid g, int x, int y, int z) {
    return x + g.xs * ((y + g.c) + g.ys * (z + g.c));
}

// Trilinear read of one complex value at padded frequency (xp, yp, zp), Friedel for x < 0.
__device__ float2 trilinear(const float2* __restrict__ d, const Grid g, float xp, float yp, float zp) {
    bool conj = xp < 0.f;
    if (conj) { xp = -xp; yp = -yp; zp = -zp; }
    int x0 = (int) xp, y0 = (int) floorf(yp), z0 = (int) floorf(zp);
    float fx = xp - x0, fy = yp - y0, fz = zp - z0;
    int o = gridIndex(g, x0, y0, z0), sy = g.xs, sz = g.xs * g.ys;
    float2 a000 = d[o], a100 = d[o + 1], a010 = d[o + sy], a110 = d[o + sy + 1];
    float2 a001 = d[o + sz], a101 = d[o + sz + 1], a011 = d[o + sz + sy], a111 = d[o + sz + sy + 1];
    float2 r;
    float b00 = a000.x + fx * (a100.x - a000.x), b10 = a010.x + fx * (a110.x - a010.x);
    float b01 = a001.x + fx * (a101.x - a001.x), b11 = a011.x + fx * (a111.x - a011.x);
    float e0 = b00 + fy * (b10 - b00), e1 = b01 + fy * (b11 - b01);
    r.x = e0 + fz * (e1 - e0);
    b00 = a000.y + fx * (a100.y - a000.y); b10 = a010.y + fx * (a110.y - a010.y);
    b01 = a001.y + fx * (a101.y - a001.y); b11 = a011.y + fx * (a111.y - a011.y);
    e0 = b00 + fy * (b10 - b00); e1 = b01 + fy * (b11 - b01);
    r.y = e0 + fz * (e1 - e0);
    if (conj) r.y = -r.y;
    return r;
}

// Central slices for many orientations (org.cryoj.reconstruct.Projector#project restricted to
// the pixel list). rot: per orientation the first two rows of A (6 floats), unscaled.
// out[o * nPix + p]; pixels beyond the grid radius are zero. One thread per (pixel, orientation).
extern "C" __global__ void project_slices(const float2* __restrict__ grid, Grid g,
        const float* __restrict__ rot, int nOrient,
        const int2* __restrict__ pix, int nPix, float2* __restrict__ out) {
    int p = blockIdx.x * blockDim.x + threadIdx.x;
    int o = blockIdx.y;
    if (p >= nPix || o >= nOrient) return;
    const float* a = rot + 6 * o;
    float kx = (float) pix[p].x, ky = (float) pix[p].y;
    float xp = g.pad * (a[0] * kx + a[3] * ky);
    float yp = g.pad * (a[1] * kx + a[4] * ky);
    float zp = g.pad * (a[2] * kx + a[5] * ky);
    float2 v = make_float2(0.f, 0.f);
    if (xp * xp + yp * yp + zp * zp <= g.r2max) {
        v = trilinear(grid, g, xp, yp, zp);
        // centred grid origin to the corner origin of an image FFT: (-1)^(kx+ky)
        if (((pix[p].x + pix[p].y) & 1) != 0) { v.x = -v.x; v.y = -v.y; }
    }
    out[(size_t) o * nPix + p] = v;
}

__device__ __forceinline__ void kahanAdd(float& sum, float& comp, float v) {
    float y = v - comp;
    float t = sum + y;
    comp = (t - sum) - y;
    sum = t;
}

// Weighted squared differences sum_p w[p] |X_t[p] - ctf[p] P_o[p]|^2 for one particle.
// shifted: the particle image already shifted by each translation, [t * nPix + p];
// ctf[p], w[p] = 1 / (2 sigma2) of the particle's group; proj[o * nPix + p].
// out[o * nTrans + t]. Block per orientation; threads over translations, pixels in shared tiles.
#define TILE 256
extern "C" __global__ void diff2(const float2* __restrict__ shifted, int nTrans,
        const float* __restrict__ ctf, const float* __restrict__ w,
        const float2* __restrict__ proj, int nOrient, int nPix, float* __restrict__ out) {
    __shared__ float2 cp[TILE];
    __shared__ float ws[TILE];
    int o = blockIdx.x;
    if (o >= nOrient) return;
    for (int t0 = 0; t0 < nTrans; t0 += blockDim.x) {
        int t = t0 + threadIdx.x;
        float sum = 0.f, comp = 0.f;
        for (int p0 = 0; p0 < nPix; p0 += TILE) {
            __syncthreads();
            for (int k = threadIdx.x; k < TILE && p0 + k < nPix; k += blockDim.x) {
                float2 pv = proj[(size_t) o * nPix + p0 + k];
                float c = ctf[p0 + k];
                cp[k] = make_float2(c * pv.x, c * pv.y);
                ws[k] = w[p0 + k];
            }
            __syncthreads();
            if (t < nTrans) {
                int m = min(TILE, nPix - p0);
                const float2* x = shifted + (size_t) t * nPix + p0;
                for (int k = 0; k < m; k++) {
                    float dr = x[k].x - cp[k].x, di = x[k].y - cp[k].y;
                    kahanAdd(sum, comp, ws[k] * (dr * dr + di * di));
                }
            }
        }
        if (t < nTrans) out[(size_t) o * nTrans + t] = sum;
    }
}

// First-iteration score (--firstiter_cc): sum Re(X conj(cP)) / sqrt(sum |cP|^2), per (o, t);
// the image norm is the same for every pose, so it is left out. Same layout as diff2.
extern "C" __global__ void cross_correlation(const float2* __restrict__ shifted, int nTrans,
        const float* __restrict__ ctf, const float2* __restrict__ proj, int nOrient, int nPix,
        float* __restrict__ out) {
    int o = blockIdx.x;
    if (o >= nOrient) return;
    for (int t = threadIdx.x; t < nTrans; t += blockDim.x) {
        float xr = 0.f, xc = 0.f, rr = 0.f, rc = 0.f;
        const float2* x = shifted + (size_t) t * nPix;
        const float2* pr = proj + (size_t) o * nPix;
        for (int p = 0; p < nPix; p++) {
            float c = ctf[p];
            float pr_ = c * pr[p].x, pi_ = c * pr[p].y;
            kahanAdd(xr, xc, x[p].x * pr_ + x[p].y * pi_);
            kahanAdd(rr, rc, pr_ * pr_ + pi_ * pi_);
        }
        out[(size_t) o * nTrans + t] = rr > 0.f ? xr / sqrtf(rr) : 0.f;
    }
}

__device__ float blockReduceMax(float v, float* scratch) {
    for (int s = 16; s > 0; s >>= 1) v = fmaxf(v, __shfl_down_sync(FULL_MASK, v, s));
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    int nw = (blockDim.x + 31) >> 5;
    v = threadIdx.x < nw ? scratch[threadIdx.x] : -INFINITY;
    if (warp == 0) for (int s = 16; s > 0; s >>= 1) v = fmaxf(v, __shfl_down_sync(FULL_MASK, v, s));
    __syncthreads();
    if (threadIdx.x == 0) scratch[0] = v;
    __syncthreads();
    float r = scratch[0];
    __syncthreads();
    return r;
}

__device__ float blockReduceSum(float v, float* scratch) {
    for (int s = 16; s > 0; s >>= 1) v += __shfl_down_sync(FULL_MASK, v, s);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    int nw = (blockDim.x + 31) >> 5;
    v = threadIdx.x < nw ? scratch[threadIdx.x] : 0.f;
    if (warp == 0) for (int s = 16; s > 0; s >>= 1) v += __shfl_down_sync(FULL_MASK, v, s);
    __syncthreads();
    if (threadIdx.x == 0) scratch[0] = v;
    __syncthreads();
    float r = scratch[0];
    __syncthreads();
    return r;
}

// Turns log-scores (log-likelihood plus log-prior, -inf for excluded poses) of one particle into
// normalised weights in place, then finds the weight threshold that keeps the smallest set
// holding `fraction` of the total (RELION's adaptive fraction, 0.999) by bisection on the
// threshold: result[0] = threshold, result[1] = count kept, result[2] = max log-score.
// One block per particle; scores[b * n + i].
extern "C" __global__ void normalise_and_select(float* __restrict__ scores, int n, float fraction,
        float* __restrict__ result) {
    __shared__ float scratch[32];
    float* s = scores + (size_t) blockIdx.x * n;
    float m = -INFINITY;
    for (int i = threadIdx.x; i < n; i += blockDim.x) m = fmaxf(m, s[i]);
    m = blockReduceMax(m, scratch);
    float sum = 0.f;
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
        float e = isinf(s[i]) ? 0.f : __expf(s[i] - m);
        s[i] = e;
        sum += e;
    }
    sum = blockReduceSum(sum, scratch);
    float inv = sum > 0.f ? 1.f / sum : 0.f;
    for (int i = threadIdx.x; i < n; i += blockDim.x) s[i] *= inv;
    __syncthreads();
    // the kept set is {w >= thr}; its mass decreases with thr: bisect for the largest thr
    // whose set still holds the fraction
    float lo = 0.f, hi = 1.f;
    for (int it = 0; it < 40; it++) {
        float mid = 0.5f * (lo + hi);
        float kept = 0.f;
        for (int i = threadIdx.x; i < n; i += blockDim.x) if (s[i] >= mid) kept += s[i];
        kept = blockReduceSum(kept, scratch);
        if (kept >= fraction) lo = mid; else hi = mid;
    }
    float count = 0.f;
    for (int i = threadIdx.x; i < n; i += blockDim.x) if (s[i] >= lo) count += 1.f;
    count = blockReduceSum(count, scratch);
    if (threadIdx.x == 0) {
        float* r = result + 3 * blockIdx.x;
        r[0] = lo; r[1] = count; r[2] = m;
    }
}

// Trilinear splat of one value onto the grid, with the Friedel mate on the x = 0 plane
// (org.cryoj.reconstruct.BackProjector#add).
__device__ void splatAdd(float2* data, float* weight, const Grid g, int x, int y, int z,
        float t, float re, float im, float wt) {
    int o = gridIndex(g, x, y, z);
    atomicAdd(&data[o].x, t * re);
    atomicAdd(&data[o].y, t * im);
    atomicAdd(&weight[o], t * wt);
    if (x == 0) {
        int mate = gridIndex(g, 0, -y, -z);
        atomicAdd(&data[mate].x, t * re);
        atomicAdd(&data[mate].y, -t * im);
        atomicAdd(&weight[mate], t * wt);
    }
}

// Backprojection of one particle's significant poses: for each pose k (orientation rows rot[6k],
// translation index trans[k], weight omega[k]) adds omega * ctf * X_t / sigma2 to the data term
// and omega * ctf^2 / sigma2 to the weight term. invSigma2[p] is 1 / sigma2 (not halved).
// The image's x = 0 column with ky < 0 is skipped, as the CPU backprojector does, because its
// Friedel mate is already in the list. One thread per pixel, looping over poses.
extern "C" __global__ void backproject(float2* __restrict__ data, float* __restrict__ weight, Grid g,
        const float2* __restrict__ shifted, const float* __restrict__ ctf,
        const float* __restrict__ invSigma2, const int2* __restrict__ pix, int nPix,
        const float* __restrict__ rot, const int* __restrict__ trans, const float* __restrict__ omega,
        int nPoses) {
    int p = blockIdx.x * blockDim.x + threadIdx.x;
    if (p >= nPix) return;
    int kxi = pix[p].x, kyi = pix[p].y;
    if (kxi == 0 && kyi < 0) return;
    float kx = (float) kxi, ky = (float) kyi;
    float c = ctf[p], is2 = invSigma2[p];
    float sign = ((kxi + kyi) & 1) == 0 ? 1.f : -1.f;
    for (int k = 0; k < nPoses; k++) {
        const float* a = rot + 6 * k;
        float xp = g.pad * (a[0] * kx + a[3] * ky);
        float yp = g.pad * (a[1] * kx + a[4] * ky);
        float zp = g.pad * (a[2] * kx + a[5] * ky);
        if (xp * xp + yp * yp + zp * zp > g.r2max) continue;
        float2 x = shifted[(size_t) trans[k] * nPix + p];
        float s = sign * c * omega[k] * is2;
        float re = s * x.x, im = s * x.y;
        float wt = omega[k] * c * c * is2;
        if (xp < 0.f) { xp = -xp; yp = -yp; zp = -zp; im = -im; }
        int x0 = (int) xp, y0 = (int) floorf(yp), z0 = (int) floorf(zp);
        float fx = xp - x0, fy = yp - y0, fz = zp - z0;
        for (int dz = 0; dz < 2; dz++) {
            float wz = dz == 0 ? 1.f - fz : fz;
            for (int dy = 0; dy < 2; dy++) {
                float wyz = wz * (dy == 0 ? 1.f - fy : fy);
                splatAdd(data, weight, g, x0, y0 + dy, z0 + dz, wyz * (1.f - fx), re, im, wt);
                splatAdd(data, weight, g, x0 + 1, y0 + dy, z0 + dz, wyz * fx, re, im, wt);
            }
        }
    }
}
