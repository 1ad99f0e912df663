package dev.signet.accounts;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.settings.InvalidSettingException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Creates the account registry: the default account from {@code CLOUDINARY_URL} (and
 * {@code CLOUDINARY_AUTH_TOKEN_KEY}), or from {@code signet.cloudinary.accounts.default},
 * plus every named account; fails startup when one is missing or malformed and logs the
 * self-check of each.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	@Bean
	AccountRegistry accountRegistry(AccountsProperties properties, CloudinaryProperties cloudinary,
			ConfigurableEnvironment environment, MeterRegistry meters, ObjectProvider<Clock> clock) {
		List<AccountRegistry.Definition> definitions = new ArrayList<>();
		Map<String, AccountsProperties.Account> accounts = new LinkedHashMap<>(properties.accounts());
		AccountsProperties.Account configuredDefault = accounts.remove(CloudinaryAccounts.DEFAULT);
		String url = cloudinary.url();
		Path urlFile = null;
		if (url == null) {
			// A config tree file keeps its exact name, which relaxed binding does not
			// map; when the value comes from such a file, watch the file.
			urlFile = configTreeFile(environment, "CLOUDINARY_URL");
			url = (urlFile != null) ? null : environment.getProperty("CLOUDINARY_URL");
		}
		Path tokenKeyFile = configTreeFile(environment, "CLOUDINARY_AUTH_TOKEN_KEY");
		String tokenKey = (tokenKeyFile != null) ? null : environment.getProperty("CLOUDINARY_AUTH_TOKEN_KEY");
		if (configuredDefault != null) {
			if (url != null || urlFile != null) {
				throw new InvalidSettingException("signet.cloudinary.accounts.default",
						"the default account is configured twice: "
								+ "set either CLOUDINARY_URL or signet.cloudinary.accounts.default.*, not both");
			}
			definitions.add(definition(CloudinaryAccounts.DEFAULT, configuredDefault));
		}
		else {
			KeySource tokenSource = new KeySource("CLOUDINARY_AUTH_TOKEN_KEY", tokenKey, tokenKeyFile);
			definitions.add(new AccountRegistry.Definition(CloudinaryAccounts.DEFAULT,
					new KeySource("CLOUDINARY_URL", url, urlFile), tokenSource.isSet() ? tokenSource : null));
		}
		accounts.forEach((name, account) -> definitions.add(definition(name, account)));
		AccountRegistry registry = new AccountRegistry(definitions, properties.reloadInterval(), meters,
				clock.getIfAvailable(Clock::systemUTC));
		registry.logStatus();
		return registry;
	}

	@Bean
	CloudinaryAccountsHealthIndicator cloudinaryAccountsHealthIndicator(AccountRegistry registry) {
		return new CloudinaryAccountsHealthIndicator(registry);
	}

	private static AccountRegistry.Definition definition(String name, AccountsProperties.Account account) {
		String prefix = "signet.cloudinary.accounts." + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidSettingException("signet.cloudinary.accounts",
					"account names must be 1 to 64 lowercase letters, digits, '_' or '-'");
		}
		KeySource keys = KeySource.of(prefix + ".url", account.url(), account.urlFile(), prefix + ".url-file");
		if (!keys.isSet()) {
			throw new InvalidSettingException(prefix + ".url",
					"account '" + name + "' has no keys: set " + prefix + ".url or " + prefix + ".url-file");
		}
		KeySource tokenKey = KeySource.of(prefix + ".auth-token-key", account.authTokenKey(),
				account.authTokenKeyFile(), prefix + ".auth-token-key-file");
		return new AccountRegistry.Definition(name, keys, tokenKey.isSet() ? tokenKey : null);
	}

	/**
	 * The file a property comes from, when the property source that wins for it is a
	 * config tree.
	 * @param environment the environment to look the property up in
	 * @param name the property name
	 * @return the file, or {@code null} when the property does not come from a config
	 * tree
	 */
	static @Nullable Path configTreeFile(ConfigurableEnvironment environment, String name) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
					|| !source.containsProperty(name)) {
				continue;
			}
			if (source instanceof ConfigTreePropertySource tree) {
				Origin origin = tree.getOrigin(name);
				if (origin instanceof TextResourceOrigin text) {
					Resource resource = text.getResource();
					if (resource instanceof FileSystemResource file) {
						return file.getFile().toPath();
					}
				}
			}
			return null;
		}
		return null;
	}

}
