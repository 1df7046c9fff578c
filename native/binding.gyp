{
  "targets": [
    {
      "target_name": "roadmap_scan",
      "sources": ["scan.c"],
      "cflags": ["-O2", "-pthread", "-ffp-contract=off"],
      "ldflags": ["-pthread"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-ffp-contract=off"] }
    }
  ]
}
