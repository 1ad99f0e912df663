/**
 * TODO
 */
@NullMarked
package dev.signet.codec;

import org.jspecify.annotations.NullMarked;
