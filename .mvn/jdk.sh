# Jobdeck: Maven must run on JDK 21+ (vaadin-maven-plugin runs inside Maven's own JVM, so toolchains cannot help).
# Sourced by mvnw before anything else; kept out of mvnw so that regenerating the wrapper does not lose it (mvnw
# needs only its one line that sources this file).
#
# Picks, in this order, the first JDK (java and javac) whose version is 21 or newer, and exports JAVA_HOME:
#   1. JAVA_HOME, if it is set and new enough;
#   2. the java on the PATH;
#   3. the newest JDK under /usr/lib/jvm, macOS's /Library/Java/JavaVirtualMachines, or SDKMAN's candidates
#      (JOBDECK_JDK_DIRS replaces that list, for tests);
#   4. macOS's /usr/libexec/java_home -v 21+.
# Prints why and fails when none is found.

jobdeck_jdk_major() { # $1 = a JDK home; prints its feature version, or 0
  if [ -r "$1/release" ]; then
    jobdeck_v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release")
  else
    jobdeck_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p')
  fi
  echo "${jobdeck_v:-0}"
}

jobdeck_jdk_ok() { # $1 = a JDK home
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(jobdeck_jdk_major "$1")" -ge 21 ]
}

jobdeck_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && jobdeck_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  jobdeck_given="${JAVA_HOME:-}"
  jobdeck_java=$(command -v java 2>/dev/null || true)
  if [ -n "$jobdeck_java" ]; then
    jobdeck_real=$(readlink -f "$jobdeck_java" 2>/dev/null || echo "$jobdeck_java")
    jobdeck_home=$(dirname "$(dirname "$jobdeck_real")")
    if jobdeck_jdk_ok "$jobdeck_home"; then
      JAVA_HOME="$jobdeck_home"; export JAVA_HOME; return 0
    fi
  fi
  jobdeck_best=""; jobdeck_best_major=0
  for jobdeck_jdk in ${JOBDECK_JDK_DIRS:-/usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/*}; do
    [ -d "$jobdeck_jdk" ] || continue
    jobdeck_jdk_ok "$jobdeck_jdk" || continue
    jobdeck_m=$(jobdeck_jdk_major "$jobdeck_jdk")
    if [ "$jobdeck_m" -gt "$jobdeck_best_major" ]; then jobdeck_best="$jobdeck_jdk"; jobdeck_best_major="$jobdeck_m"; fi
  done
  if [ -n "$jobdeck_best" ]; then
    JAVA_HOME="$jobdeck_best"; export JAVA_HOME; return 0
  fi
  if [ -z "${JOBDECK_JDK_DIRS:-}" ] && [ -x /usr/libexec/java_home ]; then
    jobdeck_home=$(/usr/libexec/java_home -v 21+ 2>/dev/null || true)
    if jobdeck_jdk_ok "$jobdeck_home"; then
      JAVA_HOME="$jobdeck_home"; export JAVA_HOME; return 0
    fi
  fi
  echo "Jobdeck needs a JDK 21 or newer to build; none was found (JAVA_HOME=${JAVA_HOME:-unset}," \
    "java on PATH: ${jobdeck_java:-none}). Install one, or set JAVA_HOME to it." >&2
  return 1
}

jobdeck_pick_jdk || exit 1
if [ -n "${jobdeck_given:-}" ] && [ "$jobdeck_given" != "$JAVA_HOME" ]; then
  echo "mvnw: JAVA_HOME=$jobdeck_given is older than Java 21; using $JAVA_HOME" >&2
fi
