package dev.signet.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery profiles: who may sign which delivery URLs and tokens. Without a profile,
 * nobody may: the endpoints are closed by default.
 *
 * @param profiles the profiles by name
 * @author Signet developers
 */
@ConfigurationProperties("signet.delivery")
public record DeliveryProperties(@DefaultValue Map<String, Profile> profiles) {

	// @formatter:off (spring-javaformat would write "( {" and "){" here, which checkstyle refuses)
	/**
	 * One delivery profile.
	 *
	 * @param clients the API-key clients that may use it ({@code *} for all)
	 * @param jwtClients the JWT clients that may use it: {@code azp}/{@code client_id}
	 * values, or the issuer for tokens with neither ({@code *} for all); with
	 * {@code clients} empty too, every caller with the signing scope may use it
	 * @param account the Cloudinary account whose keys sign
	 * @param publicIdPattern a regular expression the whole public ID (or fetch URL) must
	 * match; any public ID when not set
	 * @param transformations the transformations that may be signed, exactly as written
	 * (no transformation is always allowed)
	 * @param anyTransformation whether any well-formed transformation may be signed
	 * @param types the delivery types that may be signed ({@code fetch} only when listed)
	 * @param resourceTypes the resource types that may be signed
	 * @param tokenPaths prefixes an auth token's ACL or URL must start with; no tokens
	 * when empty
	 * @param maxTokenDuration the longest validity of an auth token, also its default
	 */
	public record Profile(@DefaultValue List<String> clients, @DefaultValue List<String> jwtClients,
			@DefaultValue("default") String account, @Nullable String publicIdPattern,
			@DefaultValue List<String> transformations, @DefaultValue("false") boolean anyTransformation,
			@DefaultValue({ "upload", "authenticated", "private" }) Set<String> types,
			@DefaultValue({ "image", "video", "raw" }) Set<String> resourceTypes, @DefaultValue List<String> tokenPaths,
			@DefaultValue("1h") Duration maxTokenDuration) {

	}
	// @formatter:on

}
