package dev.signet.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.signet.settings.InvalidSettingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The current API-key clients. When the keys come from a file (the config tree's
 * {@code SIGNET_API_KEYS} or {@code SIGNET_API_KEYS_FILE}), the file is re-read while
 * Signet runs, so that a key can be rotated or revoked without a restart; a malformed new
 * file is ignored (and logged, without its content) until fixed.
 *
 * @author Signet developers
 */
@Component
public class ApiKeyStore implements DisposableBean {

	private static final Log log = LogFactory.getLog(ApiKeyStore.class);

	private static final String VARIABLE = "SIGNET_API_KEYS";

	private final AtomicReference<ApiClients> current = new AtomicReference<>();

	private final @Nullable Path file;

	private volatile @Nullable String lastContent;

	private final @Nullable ScheduledExecutorService reloader;

	ApiKeyStore(ApiKeyProperties properties, ConfigurableEnvironment environment) {
		this.file = (properties.apiKeysFile() != null) ? properties.apiKeysFile() : configTreeFile(environment);
		if (this.file != null) {
			this.lastContent = read(this.file);
			this.current.set(ApiClients.parse(this.lastContent));
			this.reloader = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "signet-api-key-reload");
				thread.setDaemon(true);
				return thread;
			});
			long interval = properties.apiKeysReloadInterval().toMillis();
			this.reloader.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
		}
		else {
			String value = properties.apiKeys();
			if (value == null) {
				value = environment.getProperty(VARIABLE);
			}
			this.current.set(ApiClients.parse(value));
			this.reloader = null;
		}
		log.info("API-key clients: " + this.current.get()
				+ ((this.file != null) ? " (reloaded from " + this.file + " when it changes)" : ""));
	}

	/**
	 * The clients as of now.
	 * @return the clients
	 */
	public ApiClients current() {
		return this.current.get();
	}

	/**
	 * Re-reads the key file if it changed.
	 */
	void reload() {
		Path path = this.file;
		if (path == null) {
			return;
		}
		try {
			String content = read(path);
			if (content.equals(this.lastContent)) {
				return;
			}
			if (content.isBlank()) {
				// A file rewritten in place is empty for a moment (truncated, then
				// written); taking that would revoke every key until the next change.
				log.warn("Ignoring the key file " + path + " while it is empty; the previous keys stay in use");
				return;
			}
			ApiClients clients = ApiClients.parse(content);
			this.current.set(clients);
			this.lastContent = content;
			log.info("Reloaded API-key clients from " + path + ": " + clients);
		}
		catch (InvalidSettingException ex) {
			log.error("Ignoring the changed key file " + path + ": " + ex.getProblem()
					+ "; the previous keys stay in use until it is fixed");
		}
		catch (RuntimeException ex) {
			log.error("Could not read the key file " + path + "; the previous keys stay in use");
		}
	}

	private static @Nullable Path configTreeFile(ConfigurableEnvironment environment) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source.containsProperty(VARIABLE) || source.containsProperty("signet.api-keys")) {
				if (source instanceof ConfigTreePropertySource) {
					String tree = environment.getProperty("SIGNET_CONFIG_TREE", "/run/secrets/");
					Path path = Path.of(tree, VARIABLE);
					return Files.isRegularFile(path) ? path : null;
				}
				return null;
			}
		}
		return null;
	}

	private static String read(Path path) {
		try {
			String content = Files.readString(path, StandardCharsets.UTF_8);
			return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
		}
		catch (IOException ex) {
			throw new InvalidSettingException(VARIABLE, "the key file " + path + " cannot be read");
		}
	}

	@Override
	public void destroy() {
		if (this.reloader != null) {
			this.reloader.shutdownNow();
		}
	}

}
