package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The README's parameter table keeps up with the goal: every user-settable parameter has a row. */
class ReadmeTest {

    @Test
    void everyParameterOfEnsureRepositoryHasARowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new File("target/classes/META-INF/maven/plugin.xml"));
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!mojo.getElementsByTagName("goal").item(0).getTextContent().equals("ensure-repository")) {
                continue;
            }
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int j = 0; j < parameters.getLength(); j++) {
                Element parameter = (Element) parameters.item(j);
                String name = parameter.getElementsByTagName("name").item(0).getTextContent();
                boolean editable = !"false".equals(parameter.getElementsByTagName("editable").item(0)
                        .getTextContent());
                if (editable && !readme.contains("| `" + name + "` |")) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "parameters without a row in the README's parameter table");
    }
}
