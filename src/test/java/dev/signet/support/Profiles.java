package dev.signet.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signet.signing.ProfileProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Binds signing profiles the way Spring Boot does at startup, from the built-in
 * {@code signet-default-profile.yml} plus extra properties.
 *
 * @author Signet developers
 */
public final class Profiles {

	private Profiles() {
	}

	/**
	 * Binds the profiles.
	 * @param extra extra properties, e.g. {@code signet.profiles.avatar.clients=web}
	 * @return the bound properties
	 */
	public static ProfileProperties bind(Map<String, Object> extra) {
		try {
			List<PropertySource<?>> sources = new ArrayList<>(new YamlPropertySourceLoader().load("default-profile",
					new ClassPathResource("signet-default-profile.yml")));
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources().addFirst(new MapPropertySource("extra", extra));
			sources.forEach(environment.getPropertySources()::addLast);
			return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("signet",
					ProfileProperties.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
