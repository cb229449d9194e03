/** Primitive-keyed collections for hot paths (no boxing, no allocation per lookup). */
package dev.ftpsim.core.util;
