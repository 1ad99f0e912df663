package dev.signet.cloudinary;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exposes the default account's active key as a bean for code that signs with it.
 *
 * @author Signet developers
 * @deprecated the key changes when its secret file is rotated: ask
 * {@link CloudinaryAccounts} for the account on every request instead
 */
@Configuration(proxyBeanMethods = false)
@Deprecated
class CloudinaryConfiguration {

	@Bean
	CloudinaryAccount cloudinaryAccount(CloudinaryAccounts accounts) {
		return accounts.defaultAccount();
	}

}
