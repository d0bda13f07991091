// CUDA C spelling of the words in which OpenCL C and CUDA C differ. build-ptx.sh compiles
// cryoj_kernels.cl as CUDA with this file included first (nvcc -include); the CUDA host puts it
// before the source for NVRTC, which includes no headers: only CUDA's built-in types, math
// functions and intrinsics are used here.
#define KERNEL extern "C" __global__
#define DEVICE static __device__ __forceinline__
#define GLOBAL
#define LOCAL_MEM __shared__
#define LOCAL_PTR
#define RESTRICT __restrict__
#define LOCAL_ID(d) ((int) ((d) == 0 ? threadIdx.x : (d) == 1 ? threadIdx.y : threadIdx.z))
#define GROUP_ID(d) ((int) ((d) == 0 ? blockIdx.x : (d) == 1 ? blockIdx.y : blockIdx.z))
#define LOCAL_SIZE(d) ((int) ((d) == 0 ? blockDim.x : (d) == 1 ? blockDim.y : blockDim.z))
#define BARRIER() __syncthreads()
#define FLOAT2(a, b) make_float2((a), (b))
#define ATOMIC_ADD_F(p, v) atomicAdd((p), (v))
#ifdef __CUDACC_RTC__
// size_t without a header under NVRTC (where NVRTC declares it too, this is the same type again, which C++ allows)
typedef decltype(sizeof(0)) size_t;
#endif
