package dev.signet.support;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Locates the SDK-made test vectors, kept in {@code src/test/resources/vectors} with
 * their provenance ({@code README.md} there), so that no test reads outside the
 * repository.
 *
 * @author Signet developers
 */
public final class SharedFiles {

	private SharedFiles() {
	}

	/**
	 * Resolves a vector file on the test classpath ({@code vectors/<name>}).
	 * @param name the file name
	 * @return the path
	 * @throws IllegalStateException when the file is missing, so that the test fails
	 * instead of silently passing
	 */
	public static Path vector(String name) {
		URL url = SharedFiles.class.getResource("/vectors/" + name);
		if (url == null) {
			throw new IllegalStateException("Test vector file vectors/" + name + " is not on the test classpath "
					+ "(src/test/resources/vectors)");
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
