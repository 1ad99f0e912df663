package dev.signet.signing;

import java.net.URI;
import java.time.Clock;

import dev.signet.assets.PublicUrlProperties;
import dev.signet.assets.UploadRecords;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.security.CallerResolver;
import dev.signet.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

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

	private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

	@Bean
	SigningProfiles signingProfiles(ProfileProperties properties, CloudinaryAccounts accounts,
			ObjectProvider<PublicUrlProperties> publicUrl, Environment environment) {
		PublicUrlProperties url = publicUrl(publicUrl, environment);
		SigningProfiles profiles = SigningProfiles.compile(properties, UploadPolicy.dangerReasons(), accounts.names(),
				url.receiverUrl());
		profiles.all().forEach((name, profile) -> {
			if ((profile.assetRules().checksAssets() || profile.assetRules().maxBytesPerDay() != null)
					&& !profile.notifies()) {
				log.warn("Profile '{}' checks what arrives but has no notify: true: its rules are enforced only on "
						+ "the uploads the app completes with POST /v1/uploads/{{id}}/complete; set "
						+ "signet.profiles.{}.notify=true (with signet.public-url) to enforce them on every upload",
						name, name);
			}
		});
		return profiles;
	}

	@Bean
	UploadSignatures uploadSignatures(CloudinaryAccounts accounts, SigningProperties properties,
			ObjectProvider<Clock> clock, UploadRecords records, ObjectProvider<PublicUrlProperties> publicUrl,
			Environment environment) {
		return new UploadSignatures(accounts, clock.getIfAvailable(Clock::systemUTC),
				properties.widgetTimestampTolerance(), records, publicUrl(publicUrl, environment).receiverUrl());
	}

	/**
	 * The signing endpoints' plain requests, ahead of MVC's mapping of the controller.
	 * @param controller the controller both entrances call
	 * @param callers what the credentials claim
	 * @param problems the problem writer
	 * @param json the application's JSON mapper (the one MVC's converter writes with)
	 * @return the fast path
	 */
	@Bean
	SignatureFastPath signatureFastPath(SignatureController controller, CallerResolver callers,
			ProblemResponses problems, JsonMapper json) {
		return new SignatureFastPath(controller, callers, problems, json);
	}

	private static PublicUrlProperties publicUrl(ObjectProvider<PublicUrlProperties> publicUrl,
			Environment environment) {
		return publicUrl.getIfAvailable(() -> new PublicUrlProperties(
				Binder.get(environment).bind("signet.public-url", URI.class).orElse(null)));
	}

}
