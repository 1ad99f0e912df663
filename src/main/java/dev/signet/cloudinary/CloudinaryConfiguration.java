package dev.signet.cloudinary;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Creates the Cloudinary account from {@code CLOUDINARY_URL} and fails startup when it is
 * missing or malformed.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class CloudinaryConfiguration {

	private static final Log log = LogFactory.getLog(CloudinaryConfiguration.class);

	@Bean
	CloudinaryAccount cloudinaryAccount(CloudinaryProperties properties, Environment environment) {
		String url = properties.url();
		if (url == null) {
			// A config tree file keeps its exact name, which relaxed binding does not
			// map.
			url = environment.getProperty("CLOUDINARY_URL");
		}
		CloudinaryAccount account = CloudinaryUrl.parse(url, "CLOUDINARY_URL");
		log.info("Signing for cloud '" + account.cloudName() + "' with API key " + account.apiKey() + ", "
				+ account.algorithm().configName() + ", signature version " + account.signatureVersion()
				+ ", secret fingerprint " + account.secret().fingerprint());
		if (account.algorithm() == SignatureAlgorithm.SHA1) {
			log.info("Signing with SHA-1, Cloudinary's default; add ?signature_algorithm=sha256 to CLOUDINARY_URL "
					+ "to sign with SHA-256 (recommended)");
		}
		return account;
	}

}
