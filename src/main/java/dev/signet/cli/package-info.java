/**
 * The command-line mode of the jar.
 */
@NullMarked
package dev.signet.cli;

import org.jspecify.annotations.NullMarked;
