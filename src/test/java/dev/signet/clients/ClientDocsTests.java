package dev.signet.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signet.support.Tool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client snippets in {@code docs/clients.md} marked
 * {@code <!-- snippet: file#region -->} are verbatim copies of the regions that the
 * client tests run, so the documentation cannot drift from tested code.
 *
 * @author Signet developers
 */
class ClientDocsTests {

	private static final Pattern SNIPPET = Pattern
		.compile("<!-- snippet: ([^#]+)#([a-z-]+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

	private static final Path DOCS = Tool.projectDir().resolve("docs/clients.md");

	@Test
	void everyMarkedSnippetIsTheRegionOfTheTestedFile() throws IOException {
		String docs = Files.readString(DOCS);
		Matcher matcher = SNIPPET.matcher(docs);
		List<String> checked = new ArrayList<>();
		while (matcher.find()) {
			Path file = Tool.projectDir().resolve(matcher.group(1));
			assertThat(file).as("snippet source").isRegularFile();
			assertThat(matcher.group(3)).as("docs/clients.md snippet %s#%s", matcher.group(1), matcher.group(2))
				.isEqualTo(region(Files.readString(file), matcher.group(2)));
			checked.add(matcher.group(1) + "#" + matcher.group(2));
		}
		assertThat(checked).hasSize((int) docs.lines().filter((line) -> line.startsWith("<!-- snippet: ")).count())
			.contains("examples/react-upload/src/signet.js#client", "examples/react-upload/src/signet.js#upload",
					"examples/react-upload/src/signet.js#widget", "examples/react-upload/src/signet.js#chunked",
					"src/test/node/node-sdk-upload.mjs#node-sdk",
					"src/test/node/next-cloudinary-signature.mjs#next-cloudinary", "examples/curl.sh#curl",
					"src/test/node/node-chunked-upload.mjs#node-chunked", "examples/curl-chunked.sh#curl-chunked");
	}

	@Test
	void readmeLinksTheClientGuide() throws IOException {
		String readme = Files.readString(Tool.projectDir().resolve("README.md"));
		assertThat(readme).contains("## Clients").contains("(docs/clients.md)");
	}

	private static String region(String source, String name) {
		List<String> lines = source.lines().toList();
		int start = -1;
		int end = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).strip().endsWith("#region " + name)) {
				start = i;
			}
			else if (lines.get(i).strip().endsWith("#endregion " + name)) {
				end = i;
			}
		}
		assertThat(start).as("#region %s", name).isNotNegative();
		assertThat(end).as("#endregion %s", name).isGreaterThan(start);
		return String.join("\n", lines.subList(start + 1, end));
	}

}
