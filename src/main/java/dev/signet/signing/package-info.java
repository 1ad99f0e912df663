/**
 * The signing endpoints: request parsing, the upload policy and the responses.
 */
@NullMarked
package dev.signet.signing;

import org.jspecify.annotations.NullMarked;
