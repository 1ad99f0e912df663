/**
 * Startup failures for malformed settings: they name the setting and the rule, never the
 * value.
 */
@NullMarked
package dev.signet.settings;

import org.jspecify.annotations.NullMarked;
