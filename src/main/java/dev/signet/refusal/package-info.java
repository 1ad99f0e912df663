/**
 * TODO
 */
@NullMarked
package dev.signet.refusal;

import org.jspecify.annotations.NullMarked;
