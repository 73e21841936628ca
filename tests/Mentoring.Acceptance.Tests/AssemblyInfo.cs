// The quarter's Azurite is started with the test clock in its environment: no other test starts one at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
