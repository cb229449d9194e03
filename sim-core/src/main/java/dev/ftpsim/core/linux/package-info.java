/**
 * Linux versions: the defaults of the TCP stack and of connection tracking that changed between
 * the kernels ftpsim models, each with the commit or source file that changed it
 * ({@link dev.ftpsim.core.linux.LinuxKernel}).
 */
package dev.ftpsim.core.linux;
