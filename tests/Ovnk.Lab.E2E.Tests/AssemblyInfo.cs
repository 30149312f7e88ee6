// Each class brings up its own lab; two at once on the 2-core machine would only make both slow.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
