package dev.signet.signing;

import java.time.Clock;

import dev.signet.cloudinary.CloudinaryAccount;

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
	SigningProfiles signingProfiles(ProfileProperties properties) {
		return SigningProfiles.compile(properties, UploadPolicy.dangerReasons());
	}

	@Bean
	UploadSignatures uploadSignatures(CloudinaryAccount account, SigningProfiles profiles, SigningProperties properties,
			ObjectProvider<Clock> clock) {
		return new UploadSignatures(account, profiles, clock.getIfAvailable(Clock::systemUTC),
				properties.widgetTimestampTolerance());
	}

}
