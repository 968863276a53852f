Console.WriteLine("qw");
