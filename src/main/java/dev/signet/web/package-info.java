/**
 * The HTTP edge every request passes: request ids, body limits, problem details (the one
 * place where a refusal becomes a status and a body) and the OpenAPI description.
 */
@NullMarked
package dev.signet.web;

import org.jspecify.annotations.NullMarked;
