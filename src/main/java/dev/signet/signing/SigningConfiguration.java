package dev.signet.signing;

import java.net.URI;
import java.time.Clock;

import dev.signet.assets.PublicUrlProperties;
import dev.signet.assets.UploadRecords;
import dev.signet.cloudinary.CloudinaryAccounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the plain signing classes and compiles the signing profiles.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	@Bean
	SigningProfiles signingProfiles(ProfileProperties properties, CloudinaryAccounts accounts,
			ObjectProvider<PublicUrlProperties> publicUrl, Environment environment) {
		PublicUrlProperties url = publicUrl(publicUrl, environment);
		return SigningProfiles.compile(properties, UploadPolicy.dangerReasons(), accounts.names(), url.receiverUrl());
	}

	@Bean
	UploadSignatures uploadSignatures(CloudinaryAccounts accounts, SigningProperties properties,
			ObjectProvider<Clock> clock, UploadRecords records, ObjectProvider<PublicUrlProperties> publicUrl,
			Environment environment) {
		return new UploadSignatures(accounts, clock.getIfAvailable(Clock::systemUTC),
				properties.widgetTimestampTolerance(), records, publicUrl(publicUrl, environment).receiverUrl());
	}

	private static PublicUrlProperties publicUrl(ObjectProvider<PublicUrlProperties> publicUrl,
			Environment environment) {
		return publicUrl.getIfAvailable(() -> new PublicUrlProperties(
				Binder.get(environment).bind("signet.public-url", URI.class).orElse(null)));
	}

}
