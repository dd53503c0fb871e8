// Shared by every kernel: the workgroup shape and the bounds check kernels do first.
#ifndef EMU_COMMON_GLSL
#define EMU_COMMON_GLSL

// 16x16 invocations: a good fit for 2D images on NVIDIA (warps of 32) and lavapipe alike.
#define EMU_LOCAL_SIZE_X 16
#define EMU_LOCAL_SIZE_Y 16

// The pixel this invocation owns, or false when it lies outside `size` (the last workgroups
// of a row or column overhang the image).
bool emuPixel(ivec2 size, out ivec2 pixel) {
    pixel = ivec2(gl_GlobalInvocationID.xy);
    return all(lessThan(pixel, size));
}

#endif
