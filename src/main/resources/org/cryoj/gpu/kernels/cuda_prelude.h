// CUDA C spelling of the words in which OpenCL C and CUDA C differ; build-ptx.sh compiles
// cryoj_kernels.cl as CUDA with this file included first (nvcc -include).
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
