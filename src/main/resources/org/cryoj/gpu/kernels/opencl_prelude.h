// OpenCL C spelling of the words in which OpenCL C and CUDA C differ; cryoj_kernels.cl is
// written with these macros only. The OpenCL host puts this file before the kernel source.
#define KERNEL __kernel
#define DEVICE static inline
#define GLOBAL __global
#define LOCAL_MEM __local
#define LOCAL_PTR __local
#define RESTRICT restrict
#define LOCAL_ID(d) ((int) get_local_id(d))
#define GROUP_ID(d) ((int) get_group_id(d))
#define LOCAL_SIZE(d) ((int) get_local_size(d))
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
#define FLOAT2(a, b) ((float2) ((a), (b)))
// CUDA's names for the float maths functions
#define sqrtf sqrt
#define floorf floor

// OpenCL 1.2 has no atomic float add: a compare-and-swap loop on the bits
DEVICE void ATOMIC_ADD_F(GLOBAL float* p, float v) {
    volatile GLOBAL unsigned int* u = (volatile GLOBAL unsigned int*) p;
    unsigned int old = *u, seen;
    do {
        seen = old;
        old = atomic_cmpxchg(u, seen, as_uint(as_float(seen) + v));
    } while (old != seen);
}
