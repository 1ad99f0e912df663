package dev.signet.signing;

import java.time.Clock;

import dev.signet.cloudinary.CloudinaryAccounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the plain signing classes and compiles the signing profiles.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	@Bean
	SigningProfiles signingProfiles(ProfileProperties properties, CloudinaryAccounts accounts) {
		return SigningProfiles.compile(properties, UploadPolicy.dangerReasons(), accounts.names());
	}

	@Bean
	UploadSignatures uploadSignatures(CloudinaryAccounts accounts, SigningProperties properties,
			ObjectProvider<Clock> clock) {
		return new UploadSignatures(accounts, clock.getIfAvailable(Clock::systemUTC),
				properties.widgetTimestampTolerance());
	}

}
