# Jobdeck: Maven must run on JDK 21+. Called by mvnw.cmd; prints the JDK home to use (the same order as .mvn/jdk.sh):
# JAVA_HOME if new enough, the java on the PATH, the newest JDK in the usual Windows install folders or SDKMAN.
function Get-JdkMajor([string] $jdkHome) {
    $release = Join-Path $jdkHome 'release'
    if (Test-Path $release) {
        $line = Select-String -Path $release -Pattern '^JAVA_VERSION="(\d+)' | Select-Object -First 1
        if ($line) { return [int] $line.Matches[0].Groups[1].Value }
    }
    return 0
}
function Test-Jdk([string] $jdkHome) {
    return $jdkHome -and (Test-Path (Join-Path $jdkHome 'bin\java.exe')) -and (Test-Path (Join-Path $jdkHome 'bin\javac.exe')) -and ((Get-JdkMajor $jdkHome) -ge 21)
}
if (Test-Jdk $env:JAVA_HOME) { Write-Output $env:JAVA_HOME; exit 0 }
$java = Get-Command java -ErrorAction SilentlyContinue
if ($java) {
    $fromPath = Split-Path (Split-Path $java.Source -Parent) -Parent
    if (Test-Jdk $fromPath) { Write-Output $fromPath; exit 0 }
}
$roots = @("$env:ProgramFiles\Eclipse Adoptium", "$env:ProgramFiles\Java", "$env:ProgramFiles\Microsoft",
           "$env:ProgramFiles\Amazon Corretto", "$env:ProgramFiles\Zulu", "$env:USERPROFILE\.sdkman\candidates\java")
$best = $null; $bestMajor = 0
foreach ($root in $roots) {
    if (-not (Test-Path $root)) { continue }
    foreach ($jdk in Get-ChildItem -Directory $root) {
        $m = Get-JdkMajor $jdk.FullName
        if ((Test-Jdk $jdk.FullName) -and $m -gt $bestMajor) { $best = $jdk.FullName; $bestMajor = $m }
    }
}
if ($best) { Write-Output $best; exit 0 }
[Console]::Error.WriteLine('Jobdeck needs a JDK 21 or newer to build; none was found. Install one, or set JAVA_HOME to it.')
exit 1
