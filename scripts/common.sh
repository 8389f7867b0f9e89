# Shared setup for the fault and load scripts: JDK check, jar build and test classpath.
# Sourced, not run. Sets JAVA, JAR and TEST_CP.

here=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
if [ ! -x "$JAVA" ]; then
  echo "no java at $JAVA; set JAVA_HOME to a JDK 21 or newer" >&2
  exit 2
fi
JAR="$here/target/iocd.jar"

build() {
  echo "Building iocd.jar and the test classes ..." >&2
  (cd "$here" && mvn -q -B -DskipTests package test-compile \
    dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test) >&2
  TEST_CP="$here/target/test-classes:$here/target/classes:$(cat "$here/target/test-classpath.txt")"
}

# Prints the value of "key=value" from the last matching line of a file.
value_of() {
  sed -n "s/^$1=//p" "$2" | tail -n 1
}
