package dev.signet.signing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * Signing profiles, {@code signet.profiles.<name>}: who may use a profile and what it
 * signs. Parameter names in {@code forced} and {@code allowed} are written in kebab case
 * ({@code public-id}) or in brackets ({@code "[public_id]"}), because Spring drops '_'
 * from plain map keys. The built-in {@code default} profile is defined the same way in
 * {@code signet-default-profile.yml}.
 *
 * @param profiles the profiles by name
 * @author Signet developers
 */
@ConfigurationProperties("signet")
public record ProfileProperties(@DefaultValue Map<String, Profile> profiles) {

	// @formatter:off (spring-javaformat would write "( {" and "){" here, which checkstyle refuses)
	/**
	 * One profile.
	 *
	 * @param clients API-key client names that may use it ({@code *} for all)
	 * @param jwtClients JWT {@code azp}/{@code client_id} values that may use it
	 * ({@code *} for all)
	 * @param scopes scopes a JWT must carry to use it
	 * @param forced parameters always signed, with templated values ({@code {sub}},
	 * {@code {ns}}, {@code {client}}, {@code {uuid}}, {@code {date}})
	 * @param allowed parameters a client may send, with their rules
	 * @param resourceTypes resource types a client may upload
	 * @param validity how long a stamped signature stays valid (at most 1h, by
	 * back-dating the timestamp)
	 * @param explain whether callers may ask for the string to sign
	 * @param account the account to sign with
	 * @param chunkSize the bytes per part that upload sessions ({@code /v1/uploads}) tell
	 * clients to use: 5 MiB to 100 MB, by default the official SDKs' 20,000,000
	 * @param sessionValidity how long an upload session's parts can be re-signed (at most
	 * 7 days)
	 * @param maxBytes the largest file an upload session may declare; none when unset
	 * @param formats Cloudinary format names ({@code jpg}, {@code png}, {@code mp4}) the
	 * file an upload session declares must have, and the asset that arrives; any when
	 * empty
	 * @param maxWidth the widest image or video accepted, in pixels; none when unset
	 * @param maxHeight the tallest image or video accepted, in pixels; none when unset
	 * @param maxDuration the longest video or audio accepted; none when unset
	 * @param maxBytesPerDay the bytes one caller may upload through the profile per UTC
	 * day; none when unset
	 * @param notifies ({@code notify}) whether Signet signs {@code notification_url} pointing at its own
	 * receiver (needs {@code signet.public-url})
	 */
	public record Profile(@DefaultValue List<String> clients, @DefaultValue List<String> jwtClients,
			@DefaultValue List<String> scopes, @DefaultValue Map<String, String> forced,
			@DefaultValue Map<String, Rule> allowed,
			@DefaultValue({ "image", "video", "raw", "auto" }) List<String> resourceTypes,
			@DefaultValue("1h") Duration validity, @DefaultValue("false") boolean explain,
			@DefaultValue("default") String account, @DefaultValue("20000000B") DataSize chunkSize,
			@DefaultValue("24h") Duration sessionValidity, @Nullable DataSize maxBytes,
			@DefaultValue List<String> formats, @Nullable Integer maxWidth, @Nullable Integer maxHeight,
			@Nullable Duration maxDuration, @Nullable DataSize maxBytesPerDay, @Name("notify") @DefaultValue("false") boolean notifies) {

	}
	// @formatter:on

	/**
	 * The rule of an allowed parameter. Every part given must hold.
	 *
	 * @param kind {@code path} (identifier with '/'), {@code name} (identifier),
	 * {@code text} (free text) or {@code boolean}
	 * @param pattern a regular expression the whole value must match
	 * @param maxLength the longest value (or item)
	 * @param values the only accepted values
	 * @param maxItems makes the parameter a list (array or comma-separated) of at most
	 * this many items, each checked by the other parts
	 * @param itemPattern a regular expression every list item must match
	 * @param contextKeys for {@code key=value|key2=value2} values, the keys allowed
	 */
	public record Rule(@DefaultValue("text") String kind, @Nullable String pattern, @Nullable Integer maxLength,
			@DefaultValue List<String> values, @Nullable Integer maxItems, @Nullable String itemPattern,
			@DefaultValue List<String> contextKeys) {

		/**
		 * The rule as the profile pages show it: its kind and the bounds it sets.
		 * @return the rule's settings by their snake_case names
		 */
		public Map<String, Object> describe() {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("kind", this.kind());
			if (this.pattern() != null) {
				out.put("pattern", this.pattern());
			}
			if (this.maxLength() != null) {
				out.put("max_length", this.maxLength());
			}
			if (!this.values().isEmpty()) {
				out.put("values", this.values());
			}
			if (this.maxItems() != null) {
				out.put("max_items", this.maxItems());
			}
			if (this.itemPattern() != null) {
				out.put("item_pattern", this.itemPattern());
			}
			if (!this.contextKeys().isEmpty()) {
				out.put("context_keys", this.contextKeys());
			}
			return out;
		}

	}

}
