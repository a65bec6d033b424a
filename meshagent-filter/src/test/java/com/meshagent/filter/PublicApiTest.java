package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of the filter is exactly what the README documents (issue 9): the packages the module exports are
 * the README's, and every public type in them is named in the README's "public API" table, and nothing else is.
 */
class PublicApiTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern ROW = Pattern.compile("\\| `([\\w.]+)` \\| (.+) \\|");
    private static final Pattern CODE = Pattern.compile("`([A-Z]\\w*)`");

    @Test
    void everyPublicTypeOfTheExportedPackagesIsInTheReadmeTableAndNothingElseIs() throws IOException {
        Map<String, Set<String>> readme = readmeTable();
        assertEquals(exportedPackages(), readme.keySet(), "the README's packages are the module's exports");
        assertEquals(publicTypes(readme.keySet()), readme);
    }

    @Test
    void theTypesTheTableNamesArePublicClassesOfTheirPackage() throws Exception {
        for (Map.Entry<String, Set<String>> row : readmeTable().entrySet()) {
            for (String type : row.getValue()) {
                Class<?> c = Class.forName(row.getKey() + "." + type);
                assertTrue(Modifier.isPublic(c.getModifiers()), c + " is public");
            }
        }
    }

    /** Package to the types its row names outside parentheses (what is in parentheses describes them). */
    private static Map<String, Set<String>> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int header = lines.indexOf("| package | types |");
        assertTrue(header >= 0, "the README has the public API table");
        Map<String, Set<String>> table = new TreeMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                break; // the table ends at its first line that is not a row
            }
            String names = row.group(2);
            for (String before = null; !names.equals(before); ) {
                before = names;
                names = names.replaceAll("\\([^()]*\\)", "");
            }
            Set<String> types = new TreeSet<>();
            Matcher code = CODE.matcher(names);
            while (code.find()) {
                types.add(code.group(1));
            }
            table.put(row.group(1), types);
        }
        assertTrue(table.size() > 1, "the table has rows: " + table);
        return table;
    }

    private static Set<String> exportedPackages() throws IOException {
        Matcher m = EXPORTS.matcher(Files.readString(SOURCES.resolve("module-info.java")));
        Set<String> packages = new TreeSet<>();
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    private static Map<String, Set<String>> publicTypes(Set<String> packages) throws IOException {
        Map<String, Set<String>> types = new TreeMap<>();
        for (String pkg : packages) {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> files = Files.list(SOURCES.resolve(pkg.replace('.', '/')))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = PUBLIC_TYPE.matcher(Files.readString(f));
                    if (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
            types.put(pkg, names);
        }
        return types;
    }
}
