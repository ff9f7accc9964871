/// The version `klaxon_build_info` and `klaxon --version` report.
public enum KlaxonVersion {
    public static let current = "0.14.0"
}
