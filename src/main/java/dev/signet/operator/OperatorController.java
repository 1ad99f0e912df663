package dev.signet.operator;

import java.util.Map;
import java.util.function.Supplier;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/operator/**}: what an operator needs to see what Signet does. Open to
 * operators only (the security chain checks the operator scope); every page spends from
 * the caller's {@code operator} buckets and issues nothing, so it is not audited.
 *
 * @author Signet developers
 */
@RestController
@Tag(name = "operator", description = "Profiles, limits, accounts and recent decisions, for operators only")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "403",
		description = "The caller is not an operator (signet.operator.clients, or a JWT with the operator scope)")
class OperatorController {

	private final OperatorReports reports;

	private final Access access;

	OperatorController(OperatorReports reports, Access access) {
		this.reports = reports;
		this.access = access;
	}

	@Operation(summary = "The profiles and their rules",
			description = "Signing profiles (who may use them, what they force, allow and refuse, validity, file "
					+ "rules, rate limits) and delivery profiles, and the rate limits of the other endpoints.")
	@GetMapping(path = "/v1/operator/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> profiles(@Parameter(hidden = true) CallerClaim claim, HttpServletResponse response) {
		return serve(claim, response, this.reports::profiles);
	}

	@Operation(summary = "A caller's limits and the state of its buckets",
			description = "Every bucket the caller spends from (per signing profile and per kind of endpoint): its "
					+ "limit, window and the tokens left now, read without spending.")
	@GetMapping(path = "/v1/operator/limits", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> limits(
			@Parameter(description = "An API-key client name, or a JWT's azp (client_id) with issuer") @RequestParam(
					required = false) @Nullable String caller,
			@Parameter(description = "The JWT issuer (iss); leave out for an API-key client") @RequestParam(
					required = false) @Nullable String issuer,
			@Parameter(description = "The end user (JWT sub, or a trusted client's X-Signet-User)") @RequestParam(
					required = false) @Nullable String subject,
			@Parameter(hidden = true) CallerClaim claim, HttpServletResponse response) {
		return serve(claim, response, () -> this.reports.limits(caller, issuer, subject));
	}

	@Operation(summary = "The loaded Cloudinary accounts",
			description = "Cloud names, public API keys and the fingerprints of their secrets and token keys "
					+ "(first 8 hex characters of a SHA-256), never a secret.")
	@GetMapping(path = "/v1/operator/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> accounts(@Parameter(hidden = true) CallerClaim claim, HttpServletResponse response) {
		return serve(claim, response, this.reports::accounts);
	}

	@Operation(summary = "The latest decisions of the audit",
			description = "Newest first, as the signet.audit logger writes them (never a secret, a signature or a "
					+ "parameter value); this replica's only.")
	@GetMapping(path = "/v1/operator/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> decisions(
			@Parameter(description = "Only this client's decisions") @RequestParam(
					required = false) @Nullable String caller,
			@Parameter(description = "Only this profile's decisions") @RequestParam(
					required = false) @Nullable String profile,
			@Parameter(description = "issued, refused, or a refusal's reason (rate-limited)") @RequestParam(
					required = false) @Nullable String outcome,
			@Parameter(description = "The most to return (default 100)") @RequestParam(
					required = false) @Nullable String limit,
			@Parameter(hidden = true) CallerClaim claim, HttpServletResponse response) {
		return serve(claim, response, () -> this.reports.decisions(caller, profile, outcome, limit));
	}

	private Map<String, Object> serve(CallerClaim claim, HttpServletResponse response,
			Supplier<Map<String, Object>> page) {
		Issued<Map<String, Object>> issued = this.access.serve(Endpoint.OPERATOR, claim, (caller) -> page.get());
		return Responses.ok(response, issued.response(), issued.limit());
	}

}
