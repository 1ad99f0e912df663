package dev.signet.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.signet.cloudinary.AuthTokenKey;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.MalformedSettingException;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.settings.InvalidSettingException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The accounts as they are now. Each account's key ring sits in an
 * {@link AtomicReference}; a key file that changes is parsed and swapped in whole, or,
 * when the new content is malformed, ignored (the previous keys keep working) and
 * reported in the log, a counter and the self-check.
 *
 * @author Signet developers
 */
public class AccountRegistry implements CloudinaryAccounts, AutoCloseable {

	private static final Log log = LogFactory.getLog(AccountRegistry.class);

	private final Map<String, Entry> entries;

	private final MeterRegistry meters;

	private final Clock clock;

	private final @Nullable ScheduledExecutorService reloader;

	AccountRegistry(List<Definition> definitions, Duration reloadInterval, MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (Definition definition : definitions) {
			String keys = definition.keys().read();
			String tokenKey = (definition.tokenKey() != null) ? definition.tokenKey().read() : null;
			entries.put(definition.name(), new Entry(definition, parse(definition, keys, tokenKey),
					combinedDigest(keys, tokenKey), clock.instant()));
		}
		this.entries = Collections.unmodifiableMap(entries);
		boolean reloadable = definitions.stream()
			.anyMatch((d) -> d.keys().isReloadable() || (d.tokenKey() != null && d.tokenKey().isReloadable()));
		if (reloadable) {
			this.reloader = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "signet-accounts-reload");
				thread.setDaemon(true);
				return thread;
			});
			long millis = reloadInterval.toMillis();
			this.reloader.scheduleWithFixedDelay(this::reload, millis, millis, TimeUnit.MILLISECONDS);
		}
		else {
			this.reloader = null;
		}
	}

	@Override
	public KeyRing keyRing(String name) {
		Entry entry = this.entries.get(name);
		if (entry == null) {
			throw new UnknownAccountException(name);
		}
		return entry.ring.get();
	}

	@Override
	public Set<String> names() {
		return this.entries.keySet();
	}

	/**
	 * Re-reads every key file and swaps in the keys of those that changed.
	 */
	void reload() {
		for (Entry entry : this.entries.values()) {
			try {
				reload(entry);
			}
			catch (RuntimeException ex) {
				log.error("Unexpected failure reloading the keys of account '" + entry.definition.name() + "'", ex);
			}
		}
	}

	private void reload(Entry entry) {
		Definition definition = entry.definition;
		if (!definition.keys().isReloadable()
				&& (definition.tokenKey() == null || !definition.tokenKey().isReloadable())) {
			return;
		}
		byte[] digest;
		String keys;
		String tokenKey;
		try {
			keys = definition.keys().read();
			tokenKey = (definition.tokenKey() != null) ? definition.tokenKey().read() : null;
			digest = combinedDigest(keys, tokenKey);
			if (Arrays.equals(digest, entry.digest)) {
				return;
			}
		}
		catch (InvalidSettingException ex) {
			failed(entry, ex, KeySource.digest(ex.getMessage()));
			return;
		}
		try {
			KeyRing ring = parse(definition, keys, tokenKey);
			KeyRing previous = entry.ring.getAndSet(ring);
			entry.digest = digest;
			entry.error = null;
			entry.loadedAt = this.clock.instant();
			this.meters.counter("signet.accounts.reloads", "account", definition.name(), "outcome", "applied")
				.increment();
			log.info("Reloaded the keys of Cloudinary account '" + definition.name() + "' from "
					+ definition.keys().describe() + ": was " + keyList(previous) + ", now " + keyList(ring));
		}
		catch (InvalidSettingException ex) {
			failed(entry, ex, digest);
		}
	}

	private void failed(Entry entry, InvalidSettingException ex, byte[] digest) {
		if (Arrays.equals(digest, entry.failedDigest)) {
			return;
		}
		entry.failedDigest = digest;
		entry.error = ex.getMessage();
		this.meters.counter("signet.accounts.reloads", "account", entry.definition.name(), "outcome", "failed")
			.increment();
		log.error("Kept the previous keys of Cloudinary account '" + entry.definition.name()
				+ "' because the changed configuration is invalid: " + ex.getMessage());
	}

	/**
	 * The self-check of every account, for the startup log and the readiness detail.
	 * @return one status per account
	 */
	public List<AccountStatus> status() {
		List<AccountStatus> result = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			KeyRing ring = entry.ring.get();
			List<KeyStatus> keys = new ArrayList<>();
			for (int i = 0; i < ring.keys().size(); i++) {
				CloudinaryAccount key = ring.keys().get(i);
				keys.add(new KeyStatus(key.apiKey(), (i == 0) ? "active" : "verify-only", key.secret().fingerprint(),
						key.algorithm().configName(), key.signatureVersion()));
			}
			AuthTokenKey tokenKey = ring.tokenKey();
			result.add(new AccountStatus(entry.definition.name(), ring.active().cloudName(), entry.error == null,
					entry.definition.keys().describe(), entry.definition.keys().isReloadable(), keys,
					(tokenKey != null) ? tokenKey.fingerprint() : null, entry.loadedAt, entry.error));
		}
		return result;
	}

	void logStatus() {
		for (AccountStatus status : status()) {
			StringBuilder line = new StringBuilder("Cloudinary account '").append(status.name())
				.append("': cloud '")
				.append(status.cloudName())
				.append("', keys from ")
				.append(status.source())
				.append(status.reloadable() ? " (re-read when it changes)" : "");
			for (KeyStatus key : status.keys()) {
				line.append("; API key ")
					.append(key.apiKey())
					.append(' ')
					.append(key.role())
					.append(" (")
					.append(key.algorithm())
					.append(", signature version ")
					.append(key.signatureVersion())
					.append(", secret fingerprint ")
					.append(key.secretFingerprint())
					.append(')');
			}
			line.append("; token key ")
				.append((status.tokenKeyFingerprint() != null) ? "fingerprint " + status.tokenKeyFingerprint()
						: "not configured");
			log.info(line.toString());
			if (status.keys().get(0).algorithm().equals(SignatureAlgorithm.SHA1.configName())) {
				log.info("Account '" + status.name() + "' signs with SHA-1, Cloudinary's default; add "
						+ "?signature_algorithm=sha256 to its URL to sign with SHA-256 (recommended)");
			}
		}
	}

	@Override
	public void close() {
		if (this.reloader != null) {
			this.reloader.shutdownNow();
		}
	}

	/**
	 * Parses an account's keys; a malformed one fails as Signet's settings failure with
	 * the same setting name and text.
	 * @param definition the account the keys belong to
	 * @param keys the account's keys as configured, if any
	 * @param tokenKey the account's token key as configured, if any
	 * @return the parsed keys
	 * @throws InvalidSettingException when the keys or the token key are malformed
	 */
	private static KeyRing parse(Definition definition, @Nullable String keys, @Nullable String tokenKey) {
		try {
			AuthTokenKey token = null;
			if (tokenKey != null && definition.tokenKey() != null) {
				token = AuthTokenKey.parse(tokenKey, definition.tokenKey().setting());
			}
			return KeyRing.parse(definition.name(), keys, definition.keys().setting(), token);
		}
		catch (MalformedSettingException ex) {
			throw new InvalidSettingException(ex.getSetting(), ex.getProblem());
		}
	}

	private static byte[] combinedDigest(@Nullable String keys, @Nullable String tokenKey) {
		HexFormat hex = HexFormat.of();
		return KeySource.digest(hex.formatHex(KeySource.digest(keys)) + ":" + hex.formatHex(KeySource.digest(tokenKey))
				+ ":" + ((tokenKey != null) ? "set" : "unset"));
	}

	private static String keyList(KeyRing ring) {
		return ring.keys().stream().map((key) -> key.apiKey() + "/" + key.secret().fingerprint()).toList().toString();
	}

	/**
	 * How one account is configured.
	 *
	 * @param name the account's name
	 * @param keys where its Cloudinary URLs come from
	 * @param tokenKey where its token key comes from, or {@code null}
	 */
	record Definition(String name, KeySource keys, @Nullable KeySource tokenKey) {

	}

	/**
	 * The self-check of one account: never a secret, only fingerprints.
	 *
	 * @param name the account's name
	 * @param cloudName its cloud name
	 * @param wellFormed whether its configuration, as last read, is well-formed
	 * @param source where its keys come from
	 * @param reloadable whether a change of that file is picked up while running
	 * @param keys its key pairs, the active one first
	 * @param tokenKeyFingerprint the token key's fingerprint, or {@code null}
	 * @param loadedAt when the keys in use were loaded
	 * @param error why the last change was refused, or {@code null}
	 */
	public record AccountStatus(String name, String cloudName, boolean wellFormed, String source, boolean reloadable,
			List<KeyStatus> keys, @Nullable String tokenKeyFingerprint, Instant loadedAt, @Nullable String error) {

	}

	/**
	 * One key pair in the self-check.
	 *
	 * @param apiKey the public API key
	 * @param role {@code active} (signs and verifies) or {@code verify-only}
	 * @param secretFingerprint first 8 hex characters of the secret's SHA-256
	 * @param algorithm {@code sha1} or {@code sha256}
	 * @param signatureVersion 1 or 2
	 */
	public record KeyStatus(String apiKey, String role, String secretFingerprint, String algorithm,
			int signatureVersion) {

	}

	private static final class Entry {

		private final Definition definition;

		private final AtomicReference<KeyRing> ring;

		private volatile byte[] digest;

		private volatile byte @Nullable [] failedDigest;

		private volatile @Nullable String error;

		private volatile Instant loadedAt;

		Entry(Definition definition, KeyRing ring, byte[] digest, Instant loadedAt) {
			this.definition = definition;
			this.ring = new AtomicReference<>(ring);
			this.digest = digest;
			this.loadedAt = loadedAt;
		}

	}

}
