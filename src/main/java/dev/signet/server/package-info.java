/**
 * TODO
 */
@NullMarked
package dev.signet.server;

import org.jspecify.annotations.NullMarked;
