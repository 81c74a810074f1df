<?xml version="1.0" encoding="UTF-8"?>
<!--
  The POM published with the plugin: shade's dependency-reduced POM less what only builds this project (build,
  reporting, profiles), as flatten-maven-plugin's "ossrh" mode leaves it. Maven hands shade the active profiles
  already interpolated, with the absolute paths of the checkout (maven-matrix's, release's): without them the
  published POM is the same wherever it is built.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:pom="http://maven.apache.org/POM/4.0.0" exclude-result-prefixes="pom">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="pom:project/pom:build|pom:project/pom:reporting|pom:project/pom:profiles"/>
</xsl:stylesheet>
