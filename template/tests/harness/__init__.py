# Owned by Harness: change it upstream, or expect copier update to merge your edits.
