/**
 * TODO
 */
@NullMarked
package dev.signet.settings;

import org.jspecify.annotations.NullMarked;
