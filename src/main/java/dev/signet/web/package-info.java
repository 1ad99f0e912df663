/**
 * Cross-cutting web concerns: problem details, request ids, body limits and startup
 * failures.
 */
@NullMarked
package dev.signet.web;

import org.jspecify.annotations.NullMarked;
