package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document a source file of any module cites ({@code docs/design.md}, {@code docs/meshagent-protocol.md},
 * ...) exists in this repository, and every section it cites ({@code §4.4}) is a heading of that document. A bare
 * {@code §N} refers to the one document under {@code docs/} its file cites; RFC and OIDC sections are
 * not checked.
 */
class DocCitationsTest {

    /** A path ending in .md that is not part of a relative path such as ../README.md, nor a string literal's start. */
    private static final Pattern DOC = Pattern.compile("(?<![\\w./\"-])((?:[\\w-]+/)*[\\w-]+\\.md)\\b");
    /** A section number, optionally a range: §4.4, §3–§4, §4.1–4.2. */
    private static final Pattern SECTION =
            Pattern.compile("§\\s*(\\d+(?:\\.\\d+)*)(?:\\s*[–-]\\s*§?\\s*(\\d+(?:\\.\\d+)*))?");
    /** Text just before a § that makes it a section of an outside specification. */
    private static final Pattern EXTERNAL = Pattern.compile("(RFC\\s*\\d+|(Core|Discovery|Logout|Servlet)(\\s+\\d+(\\.\\d+)*)?)\\s*$");
    /** What may stand between two sections of one citation: "§5, §9", "§3 and §4.5". */
    private static final Pattern LIST_GLUE = Pattern.compile("\\s*(,|and|or)\\s*");
    private static final Pattern CITED_DOC_BEFORE = Pattern.compile("((?:[\\w-]+/)*[\\w-]+\\.md)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^#{2,4}\\s+(\\d+(?:\\.\\d+)*)[.\\s]");

    private final Map<Path, Set<String>> sections = new HashMap<>();

    private static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isDirectory(root.resolve("docs")) && Files.isRegularFile(root.resolve("pom.xml")),
                "tests run from the module directory, one below the repository root: " + root);
        return root;
    }

    @Test
    void everyCitedDocumentAndSectionExistsInTheRepository() throws IOException {
        Path root = root();
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : (Iterable<Path>) all.filter(DocCitationsTest::isSource)::iterator) {
                files++;
                problems.addAll(problems(root, root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        assertTrue(files > 100, "scanned the sources of every module: " + files);
        assertEquals(List.of(), problems);
    }

    @Test
    void danglingCitationsAreReported() {
        Path root = root();
        List<String> found = problems(root, "X.java", """
                /** See DESIGN.md §4 and docs/design.md §42, docs/meshagent-protocol.md §4.4, RFC 6749 §99. */
                """);
        assertEquals(List.of("X.java:1: cites DESIGN.md, which is not in the repository",
                "X.java:1: cites §42 of docs/design.md, which has no such section"), found);
        assertEquals(List.of("Y.java:1: §6.3 names no document (cite docs/<file>.md once in this file)"),
                problems(root, "Y.java", "// breaks §6.3\n"));
        assertEquals(List.of("Z.java:1: cites §77 of docs/design.md, which has no such section"),
                problems(root, "Z.java", "// docs/design.md §5, §77 and RFC 6749 §5.2, §99, OpenID Connect Core 1.0 §5.1\n"));
    }

    private static boolean isSource(Path f) {
        String s = f.toString().replace('\\', '/');
        return (s.endsWith(".java") || s.endsWith(".js")) && s.contains("/src/")
                && !s.contains("/node_modules/") && !s.contains("/target/") && !s.contains("/.git/")
                && !s.endsWith("/DocCitationsTest.java"); // its examples of bad citations are on purpose
    }

    private List<String> problems(Path root, String name, String text) {
        List<String> problems = new ArrayList<>();
        Set<String> citedDocs = new LinkedHashSet<>();
        Matcher anyDoc = DOC.matcher(text);
        while (anyDoc.find()) {
            if (anyDoc.group(1).startsWith("docs/")) {
                citedDocs.add(anyDoc.group(1));
            }
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = name + ":" + (i + 1) + ": ";
            Matcher doc = DOC.matcher(line);
            while (doc.find()) {
                if (!Files.isRegularFile(root.resolve(doc.group(1)))) {
                    problems.add(where + "cites " + doc.group(1) + ", which is not in the repository");
                }
            }
            Matcher section = SECTION.matcher(line);
            String previous = null; // the document of the previous § on this line, for "§5, §9" and "§3 and §4.5"
            int previousEnd = 0;
            while (section.find()) {
                String before = line.substring(0, section.start());
                boolean continues = previous != null
                        && LIST_GLUE.matcher(line.substring(previousEnd, section.start())).matches();
                previousEnd = section.end();
                if (continues && previous.isEmpty() || !continues && EXTERNAL.matcher(before).find()) {
                    previous = "";
                    continue;
                }
                Matcher cited = CITED_DOC_BEFORE.matcher(before);
                String target;
                if (continues) {
                    target = previous;
                } else if (cited.find()) {
                    target = cited.group(1);
                } else if (citedDocs.size() == 1) {
                    target = citedDocs.iterator().next();
                } else {
                    problems.add(where + "§" + section.group(1) + (citedDocs.isEmpty()
                            ? " names no document (cite docs/<file>.md once in this file)"
                            : " is ambiguous between " + citedDocs));
                    previous = "";
                    continue;
                }
                previous = target;
                Path targetFile = root.resolve(target);
                if (!Files.isRegularFile(targetFile)) {
                    continue; // reported above
                }
                for (String number : new String[] {section.group(1), section.group(2)}) {
                    if (number != null && !sectionsOf(targetFile).contains(number)) {
                        problems.add(where + "cites §" + number + " of " + target + ", which has no such section");
                    }
                }
            }
        }
        return problems;
    }

    private Set<String> sectionsOf(Path doc) {
        return sections.computeIfAbsent(doc, d -> {
            Set<String> numbers = new LinkedHashSet<>();
            try {
                for (String line : Files.readAllLines(d, StandardCharsets.UTF_8)) {
                    Matcher m = HEADING.matcher(line);
                    if (m.find()) {
                        numbers.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return numbers;
        });
    }
}
