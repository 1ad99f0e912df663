package dev.signet;

import dev.signet.cli.SignCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Signet: signs Cloudinary uploads for browsers, mobile apps and other backends.
 *
 * @author Signet developers
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SignetApplication {

	public static void main(String[] args) {
		if (args.length > 0 && SignCommand.NAME.equals(args[0])) {
			System.exit(SignCommand.run(args, System.getenv(), System.out, System.err));
		}
		SpringApplication.run(SignetApplication.class, args);
	}

}
