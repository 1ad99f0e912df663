/**
 * Upload sessions ({@code /v1/uploads}): big and resumable uploads whose parts are
 * re-signed over the same parameters until the session ends.
 */
@NullMarked
package dev.signet.uploads;

import org.jspecify.annotations.NullMarked;
